/**
 * Stage 5b: the command line (picocli): {@code index}, {@code serve}, {@code search}, {@code mcp}
 * (MCP over stdio), {@code eval}, {@code bench}. Commands
 * assemble the pipeline through {@link io.papersearch.cli.Engine}, report failures as one line
 * naming the file or value (exit code 1) and never print a stack trace unless
 * {@code -Dpapersearch.debug=true}.
 */
package io.papersearch.cli;
