package io.papersearch.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The API described: {@code openapi.json} (OpenAPI 3.1, hand-written and kept beside the code; the
 * OpenAPI test fails when it and the route table disagree) and {@code docs.html}, a small page that
 * renders it with no script or style from anywhere else, so the docs work offline.
 *
 * <p>Both are read from the jar once; thread-safe.
 */
final class OpenApi {
  static final String SPEC_RESOURCE = "/openapi.json";
  static final String DOCS_RESOURCE = "/docs.html";

  private static final byte[] SPEC = read(SPEC_RESOURCE);
  private static final byte[] DOCS = read(DOCS_RESOURCE);

  private OpenApi() {}

  static void spec(Context ctx) {
    ctx.contentType("application/json;charset=utf-8").result(SPEC);
  }

  static void docs(Context ctx) {
    ctx.contentType("text/html;charset=utf-8").result(DOCS);
  }

  private static byte[] read(String resource) {
    try (InputStream in = OpenApi.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + " from the jar", e);
    }
  }
}
