package io.papersearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one line a failed command prints. */
class MainTest {

  @Test
  void running_out_of_heap_is_named_even_when_java_reports_self_suppression() {
    OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
    IllegalArgumentException masked = new IllegalArgumentException("Self-suppression not permitted", oom);
    assertThat(Main.message(masked))
        .isEqualTo("out of memory (Java heap space): give Java more heap (-Xmx) or do less at once (--ram-buffer-mb, --workers)");
  }

  @Test
  void other_failures_print_their_message_or_else_their_kind() {
    assertThat(Main.message(new IllegalStateException("boom"))).isEqualTo("boom");
    assertThat(Main.message(new IllegalStateException())).isEqualTo("IllegalStateException");
  }
}
