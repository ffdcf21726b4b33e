package io.papersearch.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;
import java.util.Set;

/**
 * One route of the API, as registered: {@link HttpApi} registers exactly the routes of its table,
 * and the OpenAPI test holds {@code openapi.json} to the same table, so the spec cannot drift from
 * the server.
 *
 * @param method HTTP method
 * @param path Javalin path template ({@code /papers/{id}}), as written in the spec
 * @param access who may call it
 * @param params the query parameters (or, for a JSON body parsed by {@link Params}, the body
 *     fields) the route accepts; any other name is refused with {@code unknown_parameter}
 * @param handler what it does
 */
record Route(HandlerType method, String path, Access access, Set<String> params, Handler handler) {

  /** Who may call a route. */
  enum Access {
    /** Anyone: health, metrics and the API description, which probes and scrapers must reach. */
    OPEN,
    /** Reads the collection: needs the API key when the server is configured with {@code readsRequireKey}. */
    READ,
    /** Changes the collection: always needs the API key; refused outright on a server without one. */
    WRITE
  }

  Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(access, "access");
    params = Set.copyOf(params);
    Objects.requireNonNull(handler, "handler");
  }
}
