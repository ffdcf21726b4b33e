/**
 * papersearch: hybrid keyword + semantic search over English and Chinese paper abstracts.
 *
 * <p>Packages are pipeline stages, and dependencies point one way:
 * {@code ingest} → {@code embed} → {@code index} → {@code search} → {@code mcp} → {@code http} /
 * {@code cli}. Only {@code embed} imports DJL; only {@code http} (and the {@code cli} that starts it)
 * imports Javalin; {@code mcp} holds the MCP tools on {@code search} alone, and {@code http} merely
 * mounts its HTTP transport.
 */
package io.papersearch;
