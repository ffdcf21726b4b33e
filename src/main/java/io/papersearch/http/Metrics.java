package io.papersearch.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.papersearch.embed.EmbeddingListener;
import io.papersearch.embed.ModelSpec;
import io.papersearch.embed.Role;
import io.papersearch.search.SearchService;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The server's metrics, exposed at {@code GET /metrics} in the Prometheus text format.
 *
 * <ul>
 *   <li>{@code http_server_requests_seconds} (count, sum, max, buckets): every request Javalin
 *       handled, by {@code method}, {@code route} (the route template such as
 *       {@code /papers/{id}}, or {@code unmatched}: never the raw path, so the number of series
 *       stays bounded whatever clients send) and {@code status}.
 *   <li>{@code papersearch_embedding_seconds}: model runs (not cache hits) by {@code model} and
 *       {@code role} ({@code query}, {@code passage}).
 *   <li>{@code papersearch_papers} and {@code papersearch_index_size_bytes}: gauges read at scrape
 *       time.
 *   <li>JVM memory, GC, threads, class loading, CPU and uptime.
 * </ul>
 *
 * <p>Thread-safe: Micrometer meters are. {@link #close()} unhooks the GC listeners.
 */
public final class Metrics implements EmbeddingListener, AutoCloseable {

  /** Prometheus text exposition format, as Prometheus asks for it. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Label of requests no route matched (404, 405): one series, however many paths are probed. */
  static final String UNMATCHED = "unmatched";

  /**
   * Fixed latency buckets (instead of Micrometer's ~70 percentile-histogram ones): enough for
   * {@code histogram_quantile} from a cached search (~5 ms) to a cold embedding (~300 ms) and beyond,
   * at a tenth of the series.
   */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
    Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
  };

  /** Methods labelled as themselves; anything else is {@code OTHER}, so odd methods add one series. */
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  public Metrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** Registers the index gauges over {@code search}; watching the same service twice is harmless. */
  public void watch(SearchService search) {
    Gauge.builder("papersearch.papers", search, SearchService::count)
        .description("Papers in the index (as of the last refresh)")
        .strongReference(true)
        .register(registry);
    Gauge.builder("papersearch.index.size", search, SearchService::indexSizeBytes)
        .description("Bytes the index folder takes on disk")
        .baseUnit("bytes")
        .strongReference(true)
        .register(registry);
  }

  @Override
  public void embedded(ModelSpec model, Role role, long nanos) {
    Timer.builder("papersearch.embedding")
        .description("Model runs: tokenising, inference and pooling of one text (cache hits excluded)")
        .tag("model", model.id())
        .tag("role", role.name().toLowerCase(Locale.ROOT))
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Records one handled request.
   *
   * @param route the matched route template, or null when no route matched
   */
  void request(String method, String route, int status, long nanos) {
    Timer.builder("http.server.requests")
        .description("HTTP requests handled, by route template and status")
        .tag("method", METHODS.contains(method) ? method : "OTHER")
        .tag("route", route == null ? UNMATCHED : route)
        .tag("status", Integer.toString(status))
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Every meter in the Prometheus text format. */
  String scrape() {
    return registry.scrape();
  }

  /** Unhooks the GC listeners and closes the registry; later calls do nothing (shutdown paths may overlap). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      gc.close();
      registry.close();
    }
  }
}
