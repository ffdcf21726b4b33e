package io.papersearch.http;

import io.javalin.http.Context;
import io.papersearch.search.ContextBlock;
import io.papersearch.search.ContextBuilder;
import io.papersearch.search.ResponseJson;
import java.util.Locale;

/**
 * {@code GET /context}: a citation-ready block of the best papers for prompt stuffing. JSON by
 * default ({@link ResponseJson#context(ContextBlock)}); the bare block as {@code text/plain} when the
 * client prefers it ({@code Accept: text/plain}). Errors are JSON either way, in the one error
 * vocabulary. Thread-safe: holds only the thread-safe builder.
 */
final class ContextRoute {
  private final ContextBuilder builder;

  ContextRoute(ContextBuilder builder) {
    this.builder = builder;
  }

  void handle(Context ctx, Params params) {
    ContextBlock block = builder.build(params.toContext());
    if (prefersPlainText(ctx.header("Accept"))) {
      ctx.contentType("text/plain; charset=utf-8").result(block.text());
    } else {
      ctx.json(ResponseJson.context(block));
    }
  }

  /**
   * Whether an Accept header ranks {@code text/plain} above {@code application/json}. Each is given
   * the quality of the most specific range that matches it (exact, then {@code type/*}, then
   * {@code *}{@code /*}); JSON wins ties, so a missing header or {@code *}{@code /*} gets JSON.
   */
  static boolean prefersPlainText(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    return quality(accept, "text", "plain") > quality(accept, "application", "json");
  }

  private static double quality(String accept, String type, String subtype) {
    int bestSpecificity = -1;
    double q = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String media = parts[0].trim().toLowerCase(Locale.ROOT);
      int specificity;
      if (media.equals(type + "/" + subtype)) {
        specificity = 2;
      } else if (media.equals(type + "/*")) {
        specificity = 1;
      } else if (media.equals("*/*")) {
        specificity = 0;
      } else {
        continue;
      }
      if (specificity > bestSpecificity) {
        bestSpecificity = specificity;
        q = qValue(parts);
      }
    }
    return q;
  }

  /** The {@code q} parameter of a media range, 1 when absent or unreadable (RFC 9110 default). */
  private static double qValue(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.startsWith("q=") || p.startsWith("Q=")) {
        try {
          return Double.parseDouble(p.substring(2).trim());
        } catch (NumberFormatException e) {
          return 1;
        }
      }
    }
    return 1;
  }
}
