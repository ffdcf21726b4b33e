/**
 * Stage 5a: the HTTP API (Javalin). Thin handlers over {@link io.papersearch.search.SearchService};
 * one typed {@link io.papersearch.http.ServerConfig} built at start-up; one exception mapper that
 * turns every failure into {@code {"code", "message"}} with the right status. The only package that
 * imports Javalin (the CLI merely starts it). Also mounts the MCP streamable-HTTP transport of
 * {@link io.papersearch.mcp} at {@code /mcp} on the same server ({@code McpMount}).
 */
package io.papersearch.http;
