package io.papersearch.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.papersearch.index.IndexSchema;
import io.papersearch.search.ErrorCode;
import io.papersearch.search.PapersearchException;
import io.papersearch.search.ResponseJson;
import io.papersearch.search.SearchService;
import io.papersearch.search.WriteService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API. Handlers throw {@link PapersearchException}; one mapper turns it (and anything
 * unexpected) into {@code {"code", "message"}} with the code's status, so no stack trace, class
 * name or path ever reaches a client.
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  /** Request line + headers: room for a q of 1,000 Chinese characters percent-encoded (9 KB). */
  static final int MAX_HEADER_BYTES = 32 * 1024;

  private HttpApi() {}

  /**
   * Builds and starts the server.
   *
   * @throws IllegalStateException naming the address when it cannot listen (port in use, ...)
   */
  public static RunningServer start(SearchService search, WriteService writes, ServerConfig config) {
    Javalin app = create(search, writes, config);
    try {
      app.start();
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": " + why, e);
    }
    return new RunningServer(app);
  }

  /** A read-only server (no write routes succeed): see {@link #create(SearchService, WriteService, ServerConfig)}. */
  public static Javalin create(SearchService search, ServerConfig config) {
    return create(search, null, config);
  }

  /**
   * Builds (does not start) the server; tests drive it with {@code JavalinTest}.
   *
   * @param writes the write side, or null for a server over a read-only index
   */
  public static Javalin create(SearchService search, WriteService writes, ServerConfig config) {
    ApiKey key = ApiKey.of(config.apiKey());
    return Javalin.create(
        c -> {
          c.startup.showJavalinBanner = false;
          c.jetty.host = config.host();
          c.jetty.port = config.port();
          c.http.maxRequestSize = config.maxBodyBytes();
          c.http.prefer405over404 = true;
          c.jsonMapper(new JavalinJackson(ResponseJson.MAPPER, false));
          // Requests Jetty refuses before Javalin sees them (malformed, URI or headers too long)
          // get the same JSON error shape instead of Jetty's HTML page.
          c.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
          c.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_HEADER_BYTES));
          c.jetty.modifyServletContextHandler(handler -> McpMount.mount(handler, search, config));

          c.routes.get("/health", ctx -> health(ctx, search));
          c.routes.get("/search", ctx -> ctx.json(ResponseJson.response(search.search(Params.fromQuery(ctx.queryParamMap(), Params.SEARCH).toSearch()))));
          c.routes.post("/search", ctx -> ctx.json(ResponseJson.response(search.search(Params.fromJson(jsonBody(ctx), Params.SEARCH).toSearch()))));
          c.routes.get("/context", new ContextRoute(new io.papersearch.search.ContextBuilder(search))::handle);
          c.routes.get("/papers/{id}", ctx -> {
            noParams(ctx);
            ctx.json(ResponseJson.paper(search.get(ctx.pathParam("id")).paper()));
          });
          c.routes.get("/papers/{id}/similar", ctx -> ctx.json(ResponseJson.response(
              search.similar(Params.fromQuery(ctx.queryParamMap(), Params.SIMILAR).toSimilar(ctx.pathParam("id"))))));
          c.routes.put("/papers/{id}", ctx -> {
            WriteService w = writable(ctx, key, writes, "PUT /papers/{id}");
            JsonNode body = jsonBody(ctx);
            if (!body.isObject()) {
              throw new PapersearchException(ErrorCode.INVALID_PAPER, "request body must be a JSON object (one paper), got " + body.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            WriteService.PutResult r = w.put(ctx.pathParam("id"), ResponseJson.MAPPER.convertValue(body, MAP));
            ctx.status(r.created() ? 201 : 200).json(ResponseJson.written(r.id(), r.result()));
          });
          c.routes.delete("/papers/{id}", ctx -> {
            writable(ctx, key, writes, "DELETE /papers/{id}").delete(ctx.pathParam("id"));
            ctx.json(ResponseJson.written(ctx.pathParam("id"), "deleted"));
          });
          c.routes.post("/papers", ctx -> {
            WriteService w = writable(ctx, key, writes, "POST /papers");
            String type = ctx.contentType();
            if (type != null && !NDJSON_TYPES.contains(type.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT))) {
              throw new PapersearchException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                  "POST /papers takes NDJSON (application/x-ndjson): one paper a line, got '" + Params.abbreviate(type) + "'");
            }
            if (ctx.contentLength() > config.maxBulkBytes()) {
              throw new PapersearchException(ErrorCode.PAYLOAD_TOO_LARGE,
                  "bulk body must be at most " + config.maxBulkBytes() + " bytes, got " + ctx.contentLength());
            }
            ctx.json(ResponseJson.bulk(w.bulk(ctx.bodyInputStream(), config.maxBulkBytes())));
          });

          c.routes.exception(PapersearchException.class, (e, ctx) -> error(ctx, e.code(), e.getMessage()));
          c.routes.exception(HttpResponseException.class, (e, ctx) -> {
            // Javalin's own refusals (no route, wrong method, body too large) in our vocabulary.
            ErrorCode code = ErrorCode.forHttpStatus(e.getStatus());
            String message = switch (code) {
              case PAYLOAD_TOO_LARGE -> "request body must be at most " + config.maxBodyBytes() + " bytes";
              case ROUTE_NOT_FOUND -> "no route " + ctx.method() + " " + ctx.path();
              case METHOD_NOT_ALLOWED -> "method " + ctx.method() + " is not allowed on " + ctx.path();
              default -> e.getMessage();
            };
            error(ctx, code, message);
          });
          c.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, ErrorCode.INTERNAL, "internal error; the server log has the details");
          });
        });
  }

  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP = new com.fasterxml.jackson.core.type.TypeReference<>() {};

  /** Media types {@code POST /papers} reads as one JSON paper per line (none given: the same). */
  private static final java.util.Set<String> NDJSON_TYPES =
      java.util.Set.of("application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines", "text/plain");

  /** The write side, once the caller proved it may write. */
  private static WriteService writable(Context ctx, ApiKey key, WriteService writes, String what) {
    noParams(ctx);
    key.require(ctx.header("Authorization"), what);
    if (writes == null) {
      throw new PapersearchException(ErrorCode.WRITES_DISABLED, what + ": this server's index is open read-only");
    }
    return writes;
  }

  private static void health(Context ctx, SearchService search) {
    noParams(ctx);
    IndexSchema s = search.schema();
    Map<String, Object> models = new LinkedHashMap<>();
    models.put("en", model(s.modelEn(), s.dimensionEn()));
    models.put("zh", model(s.modelZh(), s.dimensionZh()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("papers", search.count());
    body.put("models", models);
    ctx.json(body);
  }

  private static Map<String, Object> model(String id, int dimension) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("dimension", dimension);
    return m;
  }

  private static void noParams(Context ctx) {
    Params.fromQuery(ctx.queryParamMap(), java.util.Set.of());
  }

  private static JsonNode jsonBody(Context ctx) {
    String type = ctx.contentType();
    if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new PapersearchException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "request body must be application/json, got '" + Params.abbreviate(type) + "'");
    }
    String body = ctx.body();
    if (body.isBlank()) {
      throw new PapersearchException(ErrorCode.INVALID_REQUEST_BODY, "request body must be a JSON object, got an empty body");
    }
    try {
      return ResponseJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new PapersearchException(
          ErrorCode.INVALID_REQUEST_BODY,
          "request body is not valid JSON (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
    }
  }

  private static void error(Context ctx, ErrorCode code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code.code());
    body.put("message", message);
    ctx.status(code.status()).json(body);
  }
}
