package io.papersearch.cli;

import io.papersearch.index.Importer;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: done/total, papers per second, ETA. Redrawn at most ten times a
 * second; on a non-terminal (CI logs) it prints a plain line every 10% instead. Thread-safe.
 */
final class Progress implements Importer.Listener {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String label;
  private final int total;
  private final int base;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private long lastDraw;
  private int lastDecile = -1;

  Progress(PrintStream out, String label, int total, int base) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.base = base;
    this.terminal = System.console() != null;
  }

  @Override
  public void onRecord(Importer.Summary soFar) {
    update(soFar.records() - base);
  }

  /** Records that {@code done} of the total are done; safe to call from several threads. */
  synchronized void update(int done) {
    long now = System.nanoTime();
    if (terminal) {
      if (now - lastDraw > 100_000_000L || done == total) {
        lastDraw = now;
        out.print("\r" + line(done, now));
        out.flush();
      }
    } else {
      int decile = total == 0 ? 10 : done * 10 / total;
      if (decile != lastDecile) {
        lastDecile = decile;
        out.println(line(done, now));
      }
    }
  }

  void finish() {
    if (terminal) {
      out.println();
    }
  }

  String line(int done, long now) {
    double secs = Math.max(1e-3, (now - start) / 1e9);
    double rate = done / secs;
    int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * Math.min(done, total) / total);
    String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
    String eta = rate > 0 && total > done ? duration((total - done) / rate) : "0s";
    return String.format(Locale.ROOT, "%s [%s] %d/%d papers  %.1f papers/s  ETA %s", label, bar, done, total, rate, eta);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return s + "s";
  }
}
