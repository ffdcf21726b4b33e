package io.papersearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code papersearch serve} refusing to start: one line naming the value and where it came from,
 * exit code 1, no stack trace, and before any model loads (every case here finishes in
 * milliseconds; an empty models folder would fail much later otherwise).
 */
class ServeStartupTest {
  @TempDir Path dir;

  record Run(int exit, String err) {}

  static Run serve(String... args) {
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.run(all);
      return new Run(exit, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(oldErr);
    }
  }

  static void assertOneLine(Run r, String line) {
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("papersearch: " + line + System.lineSeparator());
  }

  @Test
  void a_port_in_use_is_named() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int port = taken.getLocalPort();
      assertOneLine(serve("--port", Integer.toString(port), "--index", dir.resolve("index").toString()),
          "cannot listen on 127.0.0.1:" + port + ": Address already in use");
    }
  }

  @Test
  void a_bad_flag_value_names_the_flag() {
    assertOneLine(serve("--port", "70000"), "port must be 0..65535, got 70000 (from --port)");
    assertOneLine(serve("--threads", "0"), "threads must be 1..1024, got 0 (from --threads)");
  }

  @Test
  void contradicting_flags_are_refused() {
    assertOneLine(serve("--cache", dir.toString(), "--no-cache"), "--cache and --no-cache contradict each other; give one");
  }

  @Test
  void an_index_folder_that_is_a_file_is_named() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    assertOneLine(serve("--port", Integer.toString(freePort()), "--index", file.toString()),
        "index folder " + file + " is a file, not a folder (index from --index)");
  }

  @Test
  void a_missing_model_is_named_with_where_its_id_came_from() throws Exception {
    Path models = Files.createDirectories(dir.resolve("models"));
    assertOneLine(
        serve("--port", Integer.toString(freePort()), "--index", dir.resolve("index").toString(), "--models", models.toString(), "--model-en", "nope"),
        "model 'nope' not found in " + models + "; available: [] (modelEn from --model-en)");
    assertOneLine(
        serve("--port", Integer.toString(freePort()), "--index", dir.resolve("index").toString(), "--models", dir.resolve("gone").toString()),
        "models folder not found: " + dir.resolve("gone") + " (models from --models)");
  }

  @Test
  void an_unknown_key_in_the_config_file_is_named_with_its_line() throws Exception {
    Path config = Files.writeString(dir.resolve("papersearch.properties"), "port = 7071\nindx = /tmp/x\n");
    assertOneLine(serve("--config", config.toString()),
        config + ":2: unknown key 'indx' (did you mean 'index'?); known keys: " + ConfigKey.knownKeys());
  }

  @Test
  void only_flags_given_on_the_command_line_count_as_flags() {
    CommandLine cli = new CommandLine(new ServeCommand());
    Map<ConfigKey, ConfigLoader.Raw> given = ServeCommand.givenFlags(cli.parseArgs("--port=8080", "--no-sample", "--threads", "2", "--reads-require-key"));
    assertThat(given).containsOnlyKeys(ConfigKey.PORT, ConfigKey.SAMPLE, ConfigKey.THREADS, ConfigKey.READS_REQUIRE_KEY);
    assertThat(given.get(ConfigKey.PORT)).isEqualTo(new ConfigLoader.Raw("8080", "--port"));
    assertThat(given.get(ConfigKey.SAMPLE)).isEqualTo(new ConfigLoader.Raw("false", "--no-sample"));
    assertThat(given.get(ConfigKey.THREADS)).isEqualTo(new ConfigLoader.Raw("2", "--threads"));
    assertThat(given.get(ConfigKey.READS_REQUIRE_KEY)).isEqualTo(new ConfigLoader.Raw("true", "--reads-require-key"));
    // --model-en has a picocli default for the other commands; serve must not mistake it for a flag.
    assertThat(ServeCommand.givenFlags(new CommandLine(new ServeCommand()).parseArgs())).isEmpty();
  }

  @Test
  void every_flag_of_the_config_table_exists_on_serve() {
    CommandLine cli = new CommandLine(new ServeCommand());
    for (ConfigKey key : ConfigKey.values()) {
      for (ConfigKey.Flag flag : key.flags) {
        assertThat(cli.getCommandSpec().findOption(flag.name())).as(flag.name()).isNotNull();
      }
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
