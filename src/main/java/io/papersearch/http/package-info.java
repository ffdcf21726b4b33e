/**
 * Stage 5a: the HTTP API (Javalin). Thin handlers over {@link io.papersearch.search.SearchService};
 * one typed {@link io.papersearch.http.ServerConfig} built at start-up; one exception mapper that
 * turns every failure into {@code {"code", "message"}} with the right status. The only package that
 * imports Javalin (the CLI merely starts it).
 *
 * <p>Operations: {@link io.papersearch.http.Route} rows are the one list of routes;
 * {@link io.papersearch.http.OpenApi} serves the hand-written {@code openapi.json} (held to that list
 * by a test) and an offline docs page; {@link io.papersearch.http.Metrics} is {@code /metrics}
 * (Micrometer, Prometheus text); {@link io.papersearch.http.ApiKeyCheck} guards read routes when
 * the config asks for it.
 *
 * <p>MCP: mounts the streamable-HTTP transport of {@link io.papersearch.mcp} at {@code /mcp} on the
 * same server ({@code McpMount}).
 */
package io.papersearch.http;
