package io.papersearch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.papersearch.embed.Embedders;
import io.papersearch.embed.OnnxEmbedder;
import io.papersearch.http.HttpApi;
import io.papersearch.http.RunningServer;
import io.papersearch.http.ServerConfig;
import io.papersearch.index.Importer;
import io.papersearch.index.Indexer;
import io.papersearch.index.PaperIndex;
import io.papersearch.search.SearchService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The search page at {@code /} in a real headless Chromium, against the real server with the real
 * models over the bundled sample: typing a question, highlights, the URL, similar papers and the
 * back button, a shared Chinese link, the keyboard, error messages, a phone-width screen, and
 * screenshots (saved under {@code target/webpage-*.png} for humans, and checked for content).
 *
 * <p>Skips with a message when Chromium or chromedriver is missing ({@code .ci/run} installs
 * them). Other locations: {@code -Dpapersearch.chromium=...} and {@code -Dpapersearch.chromedriver=...}.
 */
class WebPageIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path MODELS = Path.of(System.getProperty("papersearch.models", "models"));
  static final Path CHROMIUM = Path.of(System.getProperty("papersearch.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("papersearch.chromedriver", "/usr/bin/chromedriver"));
  static final Path TARGET = Path.of("target");
  static final int WIDTH = 1280;
  static final int HEIGHT = 1000;

  static Path dir;
  static Embedders embedders;
  static PaperIndex index;
  static RunningServer server;
  static WebDriver browser;
  static String base;

  /** Why the tests skip, or null: checked per test so each is reported as skipped with the reason. */
  static String missing;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      missing = "WebPageIT skipped: needs " + CHROMIUM + " and " + CHROMEDRIVER
          + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)";
      System.err.println(missing);
      return;
    }
    dir = Files.createTempDirectory("papersearch-web");
    embedders = Embedders.load(MODELS, Embedders.DEFAULT_EN, Embedders.DEFAULT_ZH, OnnxEmbedder.Threads.defaults());
    index = PaperIndex.openForWriting(dir, Indexer.schemaOf(embedders));
    try (InputStream in = WebPageIT.class.getResourceAsStream("/sample/iccv2023-medical-imaging-papers.md")) {
      new Importer(index, new Indexer(index, embedders)).importStream(in, Path.of("sample.md"), s -> {});
    }
    server = HttpApi.start(new SearchService(index, embedders), ServerConfig.defaults().withPort(0));
    base = "http://127.0.0.1:" + server.port();
    Files.createDirectories(TARGET);
    browser = WebDriver.start(CHROMEDRIVER, CHROMIUM, TARGET.resolve("webpage-chromedriver.log"), WIDTH, HEIGHT);
  }

  @BeforeEach
  void needsABrowser() {
    Assumptions.assumeTrue(missing == null, missing);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    if (index != null) {
      index.close();
    }
    if (embedders != null) {
      embedders.close();
    }
  }

  static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** Waits until the page has finished rendering the address it is at, and returns its state (ready or error). */
  static String settled() throws InterruptedException {
    String[] state = new String[1];
    WebDriver.await("the page to render " + browser.url(), 60, () -> {
      JsonNode s = browser.script("const r = document.getElementById('results');"
          + " return r.dataset.key === location.search ? r.dataset.state : 'stale';");
      state[0] = s.asText();
      return state[0].equals("ready") || state[0].equals("error");
    });
    return state[0];
  }

  static List<String> titles() {
    List<String> out = new ArrayList<>();
    for (String h : browser.findAll("#hits li.hit h3")) {
      out.add(browser.text(h));
    }
    return out;
  }

  static String view() {
    return browser.script("return document.getElementById('results').dataset.view;").asText();
  }

  @Test
  void a_question_typed_and_entered_shows_highlighted_results_in_the_url_then_similar_papers_and_back() throws Exception {
    browser.open(base + "/");
    // Nothing asked yet: no search runs, and the question box is there to type into.
    assertThat(browser.script("return document.getElementById('results').dataset.state;").asText()).isEqualTo("idle");
    assertThat(browser.findAll("#hits li")).isEmpty();
    browser.type(browser.find("#q"), "semi-supervised medical image segmentation" + WebDriver.ENTER);
    assertThat(settled()).isEqualTo("ready");

    List<String> results = titles();
    assertThat(results).hasSize(10).allMatch(t -> !t.isBlank());
    assertThat(results.subList(0, 3)).anyMatch(t -> t.startsWith("CauSSL") || t.startsWith("XNet"));
    assertThat(browser.findAll("#hits mark")).isNotEmpty();
    assertThat(browser.text(browser.find("#hits mark")).toLowerCase(java.util.Locale.ROOT))
        .containsAnyOf("semi", "supervised", "medical", "image", "segmentation");
    assertThat(browser.url()).contains("q=semi-supervised+medical+image+segmentation");
    assertThat(browser.text(browser.find("#status"))).startsWith("Showing 1–10 of 41 results (hybrid, en,");
    // Every hit has its metadata line and a similar-papers link reachable by Tab (an href).
    assertThat(browser.findAll("#hits li.hit .meta")).hasSize(10);
    assertThat(browser.text(browser.find("#hits li.hit .meta"))).contains("2023");
    assertThat(browser.attribute(browser.find("#hits li.hit a.similar"), "href")).contains("similar=");

    BufferedImage shot = screenshot("webpage-desktop.png");
    assertThat(shot.getWidth()).isEqualTo(WIDTH);
    assertResultsVisible(shot, 1.0);

    // Similar papers of the first hit: a different list, without the paper itself.
    String first = results.get(0);
    browser.click(browser.find("#hits li.hit a.similar"));
    assertThat(settled()).isEqualTo("ready");
    assertThat(view()).isEqualTo("similar");
    assertThat(browser.url()).contains("similar=").contains("q=semi-supervised");
    assertThat(browser.text(browser.find("#results-heading"))).isEqualTo("Papers similar to “" + first + "”");
    List<String> similar = titles();
    assertThat(similar).isNotEmpty().isNotEqualTo(results).doesNotContain(first);
    assertThat(browser.text(browser.find("#back"))).contains("Back to results");
    // Keyboard users land on the new results.
    assertThat(browser.script("return document.activeElement.id;").asText()).isEqualTo("results");

    // The browser's back button returns to the same search.
    browser.back();
    WebDriver.await("the address without similar=", 30, () -> !browser.url().contains("similar="));
    assertThat(settled()).isEqualTo("ready");
    assertThat(view()).isEqualTo("search");
    assertThat(titles()).isEqualTo(results);
    assertThat(browser.property(browser.find("#q"), "value")).isEqualTo("semi-supervised medical image segmentation");

    // And the page's own "back to results" link too.
    browser.click(browser.find("#hits li.hit a.similar"));
    assertThat(settled()).isEqualTo("ready");
    browser.click(browser.find("#back"));
    WebDriver.await("the address without similar=", 30, () -> !browser.url().contains("similar="));
    assertThat(settled()).isEqualTo("ready");
    assertThat(titles()).isEqualTo(results);
  }

  @Test
  void a_shared_link_with_a_chinese_question_runs_its_search() throws Exception {
    browser.open(base + "/?q=" + q("半监督医学图像分割"));
    assertThat(settled()).isEqualTo("ready");
    assertThat(browser.property(browser.find("#q"), "value")).isEqualTo("半监督医学图像分割");
    assertThat(titles().subList(0, 3)).anyMatch(t -> t.startsWith("CauSSL") || t.startsWith("XNet"));
    assertThat(browser.text(browser.find("#status"))).contains("(hybrid, zh,");
    // Chinese snippets with the matched terms marked.
    assertThat(browser.findAll("#hits .snippet mark")).isNotEmpty();
    assertThat(browser.text(browser.find("#hits .snippet"))).containsPattern("\\p{IsHan}");
  }

  @Test
  void the_mode_switches_from_the_keyboard_and_the_search_reruns() throws Exception {
    browser.open(base + "/?q=" + q("U-Net segmentation"));
    assertThat(settled()).isEqualTo("ready");
    assertThat(browser.text(browser.find("#status"))).contains("(hybrid,");
    browser.click(browser.find("#q"));
    browser.press(WebDriver.TAB); // the Search button
    assertThat(browser.script("return document.activeElement.id;").asText()).isEqualTo("submit");
    browser.press(WebDriver.TAB); // into the mode group, on the checked radio
    assertThat(browser.script("return document.activeElement.id;").asText()).isEqualTo("mode-hybrid");
    // Focus is visible: the focused radio has an outline (the page's :focus-visible style).
    assertThat(browser.script("return getComputedStyle(document.activeElement).outlineStyle;").asText()).isEqualTo("solid");
    browser.press(WebDriver.ARROW_RIGHT);
    WebDriver.await("mode=keyword in the address", 30, () -> browser.url().contains("mode=keyword"));
    assertThat(settled()).isEqualTo("ready");
    assertThat(browser.text(browser.find("#status"))).contains("(keyword,");
    assertThat(browser.property(browser.find("#mode-keyword"), "checked")).isEqualTo("true");
    assertThat(titles()).isNotEmpty();
  }

  @Test
  void an_api_error_is_shown_as_its_message_and_the_query_is_shown_as_text() throws Exception {
    browser.open(base + "/?q=" + q("<img src=x id=injected>") + "&yearFrom=2024&yearTo=2020");
    assertThat(settled()).isEqualTo("error");
    String error = browser.text(browser.find("#error"));
    assertThat(error).isEqualTo("Error: yearFrom must be <= yearTo, got yearFrom=2024, yearTo=2020 (invalid_search_year)");
    assertThat(browser.findAll("#hits li")).isEmpty();
    assertThat(browser.attribute(browser.find("#error"), "role")).isEqualTo("alert");

    browser.open(base + "/?q=" + q("<img src=x id=injected> segmentation"));
    assertThat(settled()).isEqualTo("ready");
    assertThat(browser.text(browser.find("#results-heading"))).isEqualTo("Results for “<img src=x id=injected> segmentation”");
    assertThat(browser.findAll("#injected")).isEmpty();
  }

  @Test
  void on_a_phone_screen_the_page_fits_without_horizontal_scrolling() throws Exception {
    browser.cdp("Emulation.setDeviceMetricsOverride", JSON.createObjectNode()
        .put("width", 375).put("height", 812).put("deviceScaleFactor", 2).put("mobile", true));
    try {
      browser.open(base + "/?q=" + q("self-supervised learning for 3D medical image analysis"));
      assertThat(settled()).isEqualTo("ready");
      assertThat(browser.script("return window.innerWidth;").asInt()).isEqualTo(375);
      assertThat(browser.script("return document.documentElement.scrollWidth;").asInt()).isLessThanOrEqualTo(375);
      assertThat(browser.script("return Math.max(...[...document.querySelectorAll('#hits li.hit, form')]"
          + ".map(e => e.getBoundingClientRect().right));").asDouble()).isLessThanOrEqualTo(375.0);
      BufferedImage shot = screenshot("webpage-phone.png");
      assertThat(shot.getWidth()).isEqualTo(750);
      assertResultsVisible(shot, 2.0);
    } finally {
      browser.cdp("Emulation.clearDeviceMetricsOverride", JSON.createObjectNode());
    }
  }

  static BufferedImage screenshot(String name) throws Exception {
    byte[] png = browser.screenshot();
    Files.write(TARGET.resolve(name), png);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).as("the screenshot decodes as an image").isNotNull();
    return image;
  }

  /**
   * The part of the results list inside the viewport is really drawn: text in many shades (not a
   * blank or uniform area) and the highlight colour of {@code <mark>} somewhere in it.
   */
  static void assertResultsVisible(BufferedImage shot, double scale) {
    JsonNode rect = browser.script("const r = document.getElementById('hits').getBoundingClientRect();"
        + " return {x: r.left, y: r.top, w: r.width, h: Math.min(r.bottom, innerHeight) - r.top};");
    int x0 = (int) Math.round(rect.get("x").asDouble() * scale);
    int y0 = (int) Math.round(rect.get("y").asDouble() * scale);
    int x1 = Math.min(shot.getWidth(), x0 + (int) Math.round(rect.get("w").asDouble() * scale));
    int y1 = Math.min(shot.getHeight(), y0 + (int) Math.round(rect.get("h").asDouble() * scale));
    assertThat(x1 - x0).as("results width on screen").isGreaterThan(200);
    assertThat(y1 - y0).as("results height on screen (the list starts inside the viewport)").isGreaterThan(100);
    Set<Integer> colours = new HashSet<>();
    long inked = 0;
    long markPixels = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        int rgb = shot.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        int r = rgb >> 16, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
        if (r + g + b < 3 * 200) {
          inked++;
        }
        // #ffe08a, the page's mark background.
        if (Math.abs(r - 0xFF) <= 6 && Math.abs(g - 0xE0) <= 6 && Math.abs(b - 0x8A) <= 6) {
          markPixels++;
        }
      }
    }
    long area = (long) (x1 - x0) * (y1 - y0);
    assertThat(colours.size()).as("distinct colours where the results are drawn").isGreaterThan(30);
    assertThat((double) inked / area).as("share of dark (text) pixels where the results are drawn").isGreaterThan(0.02);
    assertThat(markPixels).as("pixels in the highlight colour").isGreaterThan(50);
  }
}
