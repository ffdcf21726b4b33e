package io.papersearch.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.papersearch.http.Route.Access;
import io.papersearch.index.IndexSchema;
import io.papersearch.search.ErrorCode;
import io.papersearch.search.PapersearchException;
import io.papersearch.search.ResponseJson;
import io.papersearch.search.SearchService;
import io.papersearch.search.WriteService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API. Handlers throw {@link PapersearchException}; one mapper turns it (and anything
 * unexpected) into {@code {"code", "message"}} with the code's status, so no stack trace, class
 * name or path ever reaches a client.
 *
 * <p>Every route is a row of {@link #routes} ({@link Route}): registration, the read-key guard and
 * the OpenAPI test all go through that table. A new route is a new row plus its description in
 * {@code openapi.json}; the test names whichever is missing.
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  /** Request line + headers: room for a q of 1,000 Chinese characters percent-encoded (9 KB). */
  static final int MAX_HEADER_BYTES = 32 * 1024;

  private HttpApi() {}

  /**
   * Builds and starts the server, with metrics of its own.
   *
   * @throws IllegalStateException naming the address when it cannot listen (port in use, ...)
   */
  public static RunningServer start(SearchService search, ServerConfig config) {
    return start(create(search, config), config);
  }

  /**
   * Builds and starts a server that also takes writes, recording into {@code metrics} (closed by
   * the caller).
   *
   * @param writes the write side, or null for a server over a read-only index
   */
  public static RunningServer start(SearchService search, WriteService writes, ServerConfig config, Metrics metrics) {
    return start(create(search, writes, config, metrics, false), config);
  }

  /**
   * Builds and starts the server, recording into {@code metrics} (which the caller closes: it may
   * also be timing the embeddings of the models behind {@code search}).
   *
   * @throws IllegalStateException naming the address when it cannot listen (port in use, ...)
   */
  public static RunningServer start(SearchService search, ServerConfig config, Metrics metrics) {
    return start(search, null, config, metrics);
  }

  private static RunningServer start(Javalin app, ServerConfig config) {
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

  /** Builds (does not start) the server with metrics of its own, closed when it stops; tests drive it with {@code JavalinTest}. */
  public static Javalin create(SearchService search, ServerConfig config) {
    return create(search, null, config, new Metrics(), true);
  }

  /** As {@link #create(SearchService, ServerConfig)}, with writes; tests drive it with {@code JavalinTest}. */
  public static Javalin create(SearchService search, WriteService writes, ServerConfig config) {
    return create(search, writes, config, new Metrics(), true);
  }

  /** Builds (does not start) the server, recording into {@code metrics}. */
  public static Javalin create(SearchService search, ServerConfig config, Metrics metrics) {
    return create(search, null, config, metrics, false);
  }

  private static Javalin create(SearchService search, WriteService writes, ServerConfig config, Metrics metrics, boolean ownsMetrics) {
    metrics.watch(search);
    ApiKeyCheck keys = config.apiKey() == null ? null : new ApiKeyCheck(config.apiKey());
    List<Route> routes = routes(search, writes, config, metrics);
    return Javalin.create(
        c -> {
          c.startup.showJavalinBanner = false;
          if (ownsMetrics) {
            c.events.serverStopped(metrics::close);
          }
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
          if (!config.corsOrigins().isEmpty()) {
            c.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
              for (String origin : config.corsOrigins()) {
                if (origin.equals("*")) {
                  rule.anyHost();
                } else {
                  rule.allowHost(origin);
                }
              }
            }));
          }
          // Runs after every request Javalin handled, errors included; labelled by route template.
          c.requestLogger.http((ctx, ms) -> {
            Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
            metrics.request(ctx.method().name(), matched != null ? matched.path : null, ctx.statusCode(), (long) (ms * 1e6));
          });

          RateLimiter limiter = config.rateLimit() > 0 ? new RateLimiter(config.rateLimit()) : null;
          for (Route r : routes) {
            io.javalin.http.Handler guarded = guard(r, keys, writes, config);
            // Probes and scrapers (open routes) are never limited: a busy client must not make the
            // server look dead to its health check.
            io.javalin.http.Handler handler = limiter == null || r.access() == Access.OPEN ? guarded : ctx -> {
              limiter.acquire(ctx.ip());
              guarded.handle(ctx);
            };
            c.routes.addEndpoint(new Endpoint(r.method(), r.path(), handler));
            if (r.method() == HandlerType.GET) {
              // HEAD runs the GET route (Jetty drops the body). Left to Javalin, HEAD answered 200
              // whenever the path matched a GET template, without running it: HEAD /papers/unknown
              // said the paper existed, and a key-guarded route said 200 without a key.
              c.routes.addEndpoint(new Endpoint(HandlerType.HEAD, r.path(), handler));
            }
          }

          c.routes.exception(PapersearchException.class, (e, ctx) -> {
            if (e.code().status() >= 500) {
              // The client's message names no path; the operator's log has the cause.
              LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e);
            }
            if (e instanceof RateLimiter.RateLimited limited) {
              ctx.header("Retry-After", Integer.toString(limited.retryAfterSeconds));
            }
            error(ctx, e.code(), e.getMessage());
          });
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

  /**
   * The route table: every route the server has, in the order of the OpenAPI spec. Registration and
   * the spec test both read it.
   */
  static List<Route> routes(SearchService search, WriteService writes, ServerConfig config, Metrics metrics) {
    return List.of(
        query(HandlerType.GET, "/health", Access.OPEN, Set.of(), (ctx, p) -> health(ctx, search)),
        query(HandlerType.GET, "/search", Access.READ, Params.SEARCH, (ctx, p) -> ctx.json(ResponseJson.response(search.search(p.toSearch())))),
        body(HandlerType.POST, "/search", Access.READ, Params.SEARCH, (ctx, p) -> ctx.json(ResponseJson.response(search.search(p.toSearch())))),
        query(HandlerType.GET, "/context", Access.READ, Params.CONTEXT, new ContextRoute(new io.papersearch.search.ContextBuilder(search))::handle),
        query(HandlerType.GET, "/papers/{id}", Access.READ, Set.of(), (ctx, p) -> ctx.json(ResponseJson.paper(search.get(ctx.pathParam("id")).paper()))),
        query(HandlerType.GET, "/papers/{id}/similar", Access.READ, Params.SIMILAR,
            (ctx, p) -> ctx.json(ResponseJson.response(search.similar(p.toSimilar(ctx.pathParam("id")))))),
        query(HandlerType.PUT, "/papers/{id}", Access.WRITE, Set.of(), (ctx, p) -> {
          WriteService.PutResult r = writes.put(ctx.pathParam("id"), paperBody(ctx));
          ctx.status(r.created() ? 201 : 200).json(ResponseJson.written(r.id(), r.result()));
        }),
        query(HandlerType.DELETE, "/papers/{id}", Access.WRITE, Set.of(), (ctx, p) -> {
          writes.delete(ctx.pathParam("id"));
          ctx.json(ResponseJson.written(ctx.pathParam("id"), "deleted"));
        }),
        query(HandlerType.POST, "/papers", Access.WRITE, Set.of(), (ctx, p) -> bulk(ctx, writes, config)),
        query(HandlerType.GET, "/metrics", Access.OPEN, Set.of(), (ctx, p) -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape())),
        query(HandlerType.GET, "/openapi.json", Access.OPEN, Set.of(), (ctx, p) -> OpenApi.spec(ctx)),
        query(HandlerType.GET, "/docs", Access.OPEN, Set.of(), (ctx, p) -> OpenApi.docs(ctx)),
        query(HandlerType.GET, "/", Access.OPEN, WebPage.PARAMS, (ctx, p) -> WebPage.serve(ctx)));
  }

  /** A handler given the request's checked parameters. */
  @FunctionalInterface
  interface ParamsHandler {
    void handle(Context ctx, Params params) throws Exception;
  }

  /** A route whose parameters come from the query string (a body, if any, is a document the handler reads). */
  private static Route query(HandlerType method, String path, Access access, Set<String> params, ParamsHandler h) {
    return new Route(method, path, access, params, ctx -> h.handle(ctx, Params.fromQuery(ctx.queryParamMap(), params)));
  }

  /** A route whose parameters are the fields of a JSON object body. */
  private static Route body(HandlerType method, String path, Access access, Set<String> params, ParamsHandler h) {
    return new Route(method, path, access, params, ctx -> h.handle(ctx, Params.fromJson(jsonBody(ctx), params)));
  }

  /** The route's handler behind its access rule: the API key for writes always, for reads when configured. */
  private static io.javalin.http.Handler guard(Route r, ApiKeyCheck keys, WriteService writes, ServerConfig config) {
    return switch (r.access()) {
      case OPEN -> r.handler();
      case READ -> !config.readsRequireKey() ? r.handler() : ctx -> {
        keys.require(ctx);
        r.handler().handle(ctx);
      };
      case WRITE -> ctx -> {
        String what = ctx.method().name() + " " + r.path();
        if (keys == null) {
          throw new PapersearchException(ErrorCode.WRITES_DISABLED,
              what + " needs an API key, and this server has none: start it with PAPERSEARCH_API_KEY set");
        }
        keys.require(ctx);
        if (writes == null) {
          throw new PapersearchException(ErrorCode.WRITES_DISABLED, what + ": this server's index is open read-only");
        }
        r.handler().handle(ctx);
      };
    };
  }

  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> PAPER_FIELDS = new com.fasterxml.jackson.core.type.TypeReference<>() {};

  /** Media types {@code POST /papers} reads, and as what (none given: NDJSON). */
  private static final Map<String, WriteService.BulkFormat> BULK_TYPES = Map.of(
      "application/x-ndjson", WriteService.BulkFormat.NDJSON,
      "application/ndjson", WriteService.BulkFormat.NDJSON,
      "application/jsonl", WriteService.BulkFormat.NDJSON,
      "text/plain", WriteService.BulkFormat.NDJSON,
      "application/x-bibtex", WriteService.BulkFormat.BIBTEX,
      "text/x-bibtex", WriteService.BulkFormat.BIBTEX,
      "application/x-research-info-systems", WriteService.BulkFormat.RIS);

  /** The body of {@code PUT /papers/{id}}: one paper as a JSON object. */
  private static Map<String, Object> paperBody(Context ctx) {
    JsonNode body = jsonBody(ctx);
    if (!body.isObject()) {
      throw new PapersearchException(ErrorCode.INVALID_PAPER,
          "request body must be a JSON object (one paper), got " + body.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return ResponseJson.MAPPER.convertValue(body, PAPER_FIELDS);
  }

  /** {@code POST /papers}: NDJSON, BibTeX or RIS streamed into the index, answered with a per-record report. */
  private static void bulk(Context ctx, WriteService writes, ServerConfig config) throws java.io.IOException {
    String type = ctx.contentType();
    // The media type is what comes before any parameters; indexOf, not split: ";" alone splits into nothing.
    WriteService.BulkFormat format = type == null ? WriteService.BulkFormat.NDJSON
        : BULK_TYPES.get((type.indexOf(';') < 0 ? type : type.substring(0, type.indexOf(';'))).trim().toLowerCase(java.util.Locale.ROOT));
    if (format == null) {
      throw new PapersearchException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "POST /papers takes NDJSON (application/x-ndjson), BibTeX (application/x-bibtex) or RIS "
              + "(application/x-research-info-systems), got '" + Params.abbreviate(type) + "'");
    }
    if (ctx.contentLength() > config.maxBulkBytes()) {
      throw new PapersearchException(ErrorCode.PAYLOAD_TOO_LARGE,
          "bulk body must be at most " + config.maxBulkBytes() + " bytes, got " + ctx.contentLength());
    }
    ctx.json(ResponseJson.bulk(writes.bulk(ctx.bodyInputStream(), format, config.maxBulkBytes())));
  }

  private static void health(Context ctx, SearchService search) {
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
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      // Jackson's limits (nesting over 1,000 levels, 1,000-digit numbers) come without a location;
      // the message names the limit and the value, minus the name of the Java method behind it.
      throw new PapersearchException(ErrorCode.INVALID_REQUEST_BODY,
          "request body is refused: " + e.getOriginalMessage().replaceAll(",? from `[^`]*`", "").trim(), e);
    } catch (JsonProcessingException e) {
      com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
      throw new PapersearchException(ErrorCode.INVALID_REQUEST_BODY, "request body is not valid JSON"
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
    }
  }

  private static void error(Context ctx, ErrorCode code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code.code());
    body.put("message", message);
    if (code.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer"); // RFC 6750: tells the client which scheme is wanted
    }
    ctx.status(code.status()).json(body);
  }
}
