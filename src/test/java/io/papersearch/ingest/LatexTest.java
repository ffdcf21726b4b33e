package io.papersearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LatexTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
      M{\\"u}ller                   | Müller
      M\\"uller                     | Müller
      M\\"{u}ller                   | Müller
      {\\"U}ber                     | Über
      Garc{\\'\\i}a                 | García
      Garc\\'{\\i}a                 | García
      Garc\\'ia                     | García
      \\'{e}t\\'{e}                 | été
      Fran\\c{c}ois                 | François
      Fran\\c cois                  | François
      Fran{\\c{c}}ois               | François
      Dvo\\v{r}\\'ak                | Dvořák
      \\v{S}koda                    | Škoda
      Espa\\~na                     | España
      Espa\\~{n}a                   | España
      Gro\\ss e                     | Große
      Gro{\\ss}e                    | Große
      Bj{\\o}rn                     | Bjørn
      {\\O}stergaard                | Østergaard
      {\\AA}ngstr{\\"o}m            | Ångström
      {\\aa}s                       | ås
      {\\ae}ther                    | æther
      \\L{}ukasz                    | Łukasz
      Erd\\H{o}s                    | Erdős
      \\k{a}                        | ą
      \\r{u}                        | ů
      \\u{g}                        | ğ
      \\.{Z}                        | Ż
      \\={a}                        | ā
      \\`{a} la                     | à la
      \\^{o}                        | ô
      \\d{s}                        | ṣ
      \\'{\\=o}                     | ṓ
      """)
  void accents_in_every_spelling_become_composed_letters(String latex, String expected) {
    String decoded = Latex.decode(latex);
    assertThat(decoded).isEqualTo(expected);
    assertThat(Normalizer.isNormalized(decoded, Normalizer.Form.NFC)).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
      {GAN}s for {MRI}                             | GANs for MRI
      {{Deep}} {Learning}                          | Deep Learning
      Research \\& Development                     | Research & Development
      95\\% accuracy                               | 95% accuracy
      95% accuracy                                 | 95% accuracy
      \\$5 and \\#1 and a\\_b and \\{x\\}          | $5 and #1 and a_b and {x}
      pages 10--20                                 | pages 10–20
      yes---no                                     | yes—no
      semi-supervised                              | semi-supervised
      ``quoted'' and `single'                      | “quoted” and ‘single'
      \\emph{Deep} \\textbf{learning}              | Deep learning
      {\\em Deep} {\\bf learning}                  | Deep learning
      \\textsc{Bert}\\textsuperscript{2}           | Bert2
      \\LaTeX{} and \\TeX\\ papers                 | LaTeX and TeX papers
      wait\\ldots{} done                           | wait… done
      as shown~\\cite[p.~3]{smith2020}.            | as shown.
      see Fig.~\\ref{fig:1}                        | see Fig.
      \\href{https://x.org}{the site}              | the site
      \\url{https://x.org/a_b~c}                   | https://x.org/a_b~c
      \\textcolor{red}{warm}                       | warm
      {\\noopsort{1973b}}1973                      | 1973
      \\unknowncommand{kept} text                  | kept text
      \\unknown text                               | text
      a\\\\b                                       | a b
      5\\,mm                                       | 5\u2009mm
      \\textendash\\textemdash\\textquoteright     | –—’
      \\~{}user and \\^{}                          | ~user and ^
      {\\'}                                        | ´
      中文标题 {BERT}                              | 中文标题 BERT
      """)
  void braces_escapes_ligatures_and_commands(String latex, String expected) {
    assertThat(Latex.decode(latex)).isEqualTo(expected.replace("\\u00A0", "\u00A0")
        .replace("\\u2009", "\u2009"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
      $\\alpha$-synuclein                          | α-synuclein
      $O(n^2)$ time                                | O(n²) time
      $O(n^{10})$                                  | O(n¹⁰)
      $\\mathcal{O}(n \\log n)$                    | O(n log n)
      $O(n\\log n)$                                | O(n log n)
      $\\ell_1$ and $\\ell_{2,1}$                  | ℓ₁ and ℓ_2,1
      $x^{ab}$                                     | x^ab
      $W^T x$                                      | Wᵀ x
      $f'$ and $f''$                               | f' and f''
      $n \\times n$ matrix                         | n × n matrix
      $\\geq 0.9$ and $\\leq$                      | ≥ 0.9 and ≤
      $\\frac{1}{2}$ and $\\frac{a+b}{c}$          | 1/2 and (a+b)/c
      $\\sqrt{x}$ and $\\sqrt{n+1}$                | √x and √(n+1)
      $\\mathbb{R}^{d}$                            | R^d
      \\(\\beta\\)-VAE                             | β-VAE
      $$E=mc^2$$                                   | E=mc²
      $a--b$                                       | a--b
      $\\Delta$ \\textit{vs.} $\\Omega$             | Δ vs. Ω
      """)
  void math_is_kept_readable(String latex, String expected) {
    assertThat(Latex.decode(latex)).isEqualTo(expected);
  }

  @Test
  void null_and_plain_text_pass_through() {
    assertThat(Latex.decode(null)).isNull();
    assertThat(Latex.decode("Plain title: no LaTeX, 2023.")).isEqualTo("Plain title: no LaTeX, 2023.");
    assertThat(Latex.decode("Müller, already Unicode")).isEqualTo("Müller, already Unicode");
    // Decomposed input comes out composed.
    assertThat(Latex.decode("Mu\u0308ller")).isEqualTo("Müller");
  }

  @Test
  void unbalanced_or_truncated_input_never_fails() {
    assertThat(Latex.decode("{unclosed \\'")).isEqualTo("unclosed ´");
    assertThat(Latex.decode("trailing backslash \\")).isEqualTo("trailing backslash ");
    assertThat(Latex.decode("closed} twice}")).isEqualTo("closed twice");
    assertThat(Latex.decode("$unclosed math x^")).isEqualTo("unclosed math x^");
    assertThat(Latex.decode("\\frac{1}")).isEqualTo("1/");
    assertThat(Latex.decode("{".repeat(10_000) + "deep" + "}".repeat(10_000))).isEqualTo("deep");
    assertThat(Latex.decode("$" + "x^{".repeat(100) + "2" + "}".repeat(100) + "$")).startsWith("x^x^");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
      https://x.org/a\\_b                          | https://x.org/a_b
      https://x.org/~user/a--b%20c                 | https://x.org/~user/a--b%20c
      \\url{https://x.org/a\\%20b}                 | https://x.org/a%20b
      10.1000/{ABC}\\_123                          | 10.1000/ABC_123
      https://x.org/\\textasciitilde{}u            | https://x.org/~u
      """)
  void urls_and_dois_only_lose_escapes_and_braces(String latex, String expected) {
    assertThat(Latex.decodeUrl(latex)).isEqualTo(expected);
  }
}
