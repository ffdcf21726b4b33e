package io.papersearch.ingest;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the LaTeX found in BibTeX field values into plain Unicode text: what a reader of the typeset
 * reference would see, which is also what a search must match ({@code M{\"u}ller} is found by
 * "Müller", {@code {GAN}s} by "GANs").
 *
 * <p>Handled:
 *
 * <ul>
 *   <li>Braces are dropped: in BibTeX they only protect case ({@code {GAN}s} → {@code GANs}).
 *   <li>Accents in every spelling: {@code \"u}, {@code \"{u}}, {@code {\"u}}, {@code \'{\i}}, {@code
 *       \c c}, {@code \v{s}}, {@code \H{o}}, {@code \k{a}}, ... (combining mark, then NFC; on the
 *       dotless {@code \i} and {@code \j} the dot comes back). An accent on nothing ({@code \~{}})
 *       is the accent character itself.
 *   <li>Letters and symbols: {@code \ss \o \O \aa \AA \ae \oe \l \L \i \dh \th \ng}, {@code \&
 *       \% \$ \# \_ \{ \}}, {@code \textendash}, {@code \ldots}, {@code \copyright}, Greek letters
 *       and common math symbols.
 *   <li>TeX ligatures: {@code --} → en dash, {@code ---} → em dash, {@code ``}/{@code ''} → curly
 *       double quotes, {@code `} → ‘; {@code ~} → no-break space (which {@link TextNormalizer} turns
 *       into a space).
 *   <li>Math ({@code $...$}, {@code \(...\)}): the dollars go, symbols are decoded, {@code ^}/{@code
 *       _} become superscript/subscript digits where Unicode has them ({@code $O(n^2)$} → {@code
 *       O(n²)}) and stay as {@code ^}/{@code _} otherwise, {@code \frac{a}{b}} → {@code a/b}, {@code
 *       \sqrt{x}} → {@code √x}. Spaces in math are kept as written (TeX ignores them, but a reader of
 *       plain text needs them).
 *   <li>Unknown commands are dropped and their braced arguments kept as text ({@code \emph{x}},
 *       {@code \textbf{x}}, {@code \mathcal{O}}, {@code \NoCaseChange{x}} → the argument), since
 *       most commands in titles and abstracts format their argument. References, labels, colours
 *       and spacing commands ({@code \cite}, {@code \ref}, {@code \textcolor}, {@code \hspace},
 *       {@code \noopsort}, ...) lose their argument too; {@code \href{url}{text}} keeps the text,
 *       {@code &#92;url{x}} the verbatim URL.
 * </ul>
 *
 * <p>As in TeX, spaces after a control word are swallowed in text ({@code Gro\ss e} → {@code
 * Große}), and {@code %} is kept as a literal percent sign: inside a BibTeX value it is not a
 * comment, and hand-written abstracts say "95% accuracy".
 *
 * <p>Thread-safe: stateless; each call decodes with its own cursor.
 */
final class Latex {

  /** Nesting depth of arguments decoded on their own (superscripts, fractions) before giving up. */
  private static final int MAX_DEPTH = 16;

  /** Accent commands → the combining mark they put on the next character. */
  private static final Map<String, Character> ACCENTS = Map.ofEntries(
      Map.entry("'", '\u0301'), Map.entry("`", '\u0300'), Map.entry("^", '\u0302'),
      Map.entry("\"", '\u0308'), Map.entry("~", '\u0303'), Map.entry("=", '\u0304'),
      Map.entry(".", '\u0307'), Map.entry("c", '\u0327'), Map.entry("v", '\u030C'),
      Map.entry("u", '\u0306'), Map.entry("H", '\u030B'), Map.entry("k", '\u0328'),
      Map.entry("r", '\u030A'), Map.entry("d", '\u0323'), Map.entry("b", '\u0331'),
      Map.entry("t", '\u0361'));

  /** The spacing form of an accent, for an accent on nothing ({@code \~{}} is a tilde). */
  private static final Map<Character, String> SPACING_ACCENTS = Map.ofEntries(
      Map.entry('\u0301', "´"), Map.entry('\u0300', "`"), Map.entry('\u0302', "^"),
      Map.entry('\u0308', "¨"), Map.entry('\u0303', "~"), Map.entry('\u0304', "¯"),
      Map.entry('\u0307', "˙"), Map.entry('\u0327', "¸"), Map.entry('\u030C', "ˇ"),
      Map.entry('\u0306', "˘"), Map.entry('\u030B', "˝"), Map.entry('\u0328', "˛"),
      Map.entry('\u030A', "˚"));

  /** Control words that stand for text. */
  private static final Map<String, String> SYMBOLS = Map.ofEntries(
      // Letters.
      Map.entry("ss", "ß"), Map.entry("SS", "SS"), Map.entry("o", "ø"), Map.entry("O", "Ø"),
      Map.entry("aa", "å"), Map.entry("AA", "Å"), Map.entry("ae", "æ"), Map.entry("AE", "Æ"),
      Map.entry("oe", "œ"), Map.entry("OE", "Œ"), Map.entry("l", "ł"), Map.entry("L", "Ł"),
      Map.entry("i", "ı"), Map.entry("j", "ȷ"), Map.entry("dh", "ð"), Map.entry("DH", "Ð"),
      Map.entry("th", "þ"), Map.entry("TH", "Þ"), Map.entry("dj", "đ"), Map.entry("DJ", "Đ"),
      Map.entry("ng", "ŋ"), Map.entry("NG", "Ŋ"),
      // Text symbols.
      Map.entry("textendash", "–"), Map.entry("textemdash", "—"), Map.entry("textquoteleft", "‘"),
      Map.entry("textquoteright", "’"), Map.entry("textquotedblleft", "“"),
      Map.entry("textquotedblright", "”"), Map.entry("textquotesingle", "'"),
      Map.entry("textquotedbl", "\""), Map.entry("guillemotleft", "«"),
      Map.entry("guillemotright", "»"), Map.entry("textasciitilde", "~"),
      Map.entry("textasciicircum", "^"), Map.entry("textbackslash", "\\"), Map.entry("textbar", "|"),
      Map.entry("textless", "<"), Map.entry("textgreater", ">"), Map.entry("textunderscore", "_"),
      Map.entry("textbraceleft", "{"), Map.entry("textbraceright", "}"), Map.entry("textdollar", "$"),
      Map.entry("textbullet", "•"), Map.entry("textperiodcentered", "·"), Map.entry("textdegree", "°"),
      Map.entry("textregistered", "®"), Map.entry("texttrademark", "™"), Map.entry("copyright", "©"),
      Map.entry("textcopyright", "©"), Map.entry("textellipsis", "…"), Map.entry("ldots", "…"),
      Map.entry("dots", "…"), Map.entry("cdots", "⋯"), Map.entry("textmu", "µ"),
      Map.entry("textpm", "±"), Map.entry("texttimes", "×"), Map.entry("textdiv", "÷"),
      Map.entry("S", "§"), Map.entry("textsection", "§"), Map.entry("P", "¶"),
      Map.entry("textparagraph", "¶"), Map.entry("dag", "†"), Map.entry("ddag", "‡"),
      Map.entry("pounds", "£"), Map.entry("textsterling", "£"), Map.entry("euro", "€"),
      Map.entry("texteuro", "€"), Map.entry("textyen", "¥"), Map.entry("LaTeX", "LaTeX"),
      Map.entry("TeX", "TeX"), Map.entry("BibTeX", "BibTeX"), Map.entry("slash", "/"),
      Map.entry("space", " "), Map.entry("quad", " "), Map.entry("qquad", " "),
      Map.entry("enspace", " "), Map.entry("enskip", " "), Map.entry("thinspace", " "),
      Map.entry("newline", " "), Map.entry("par", " "),
      // Greek.
      Map.entry("alpha", "α"), Map.entry("beta", "β"), Map.entry("gamma", "γ"),
      Map.entry("delta", "δ"), Map.entry("epsilon", "ε"), Map.entry("varepsilon", "ε"),
      Map.entry("zeta", "ζ"), Map.entry("eta", "η"), Map.entry("theta", "θ"),
      Map.entry("vartheta", "ϑ"), Map.entry("iota", "ι"), Map.entry("kappa", "κ"),
      Map.entry("lambda", "λ"), Map.entry("mu", "μ"), Map.entry("nu", "ν"), Map.entry("xi", "ξ"),
      Map.entry("pi", "π"), Map.entry("varpi", "ϖ"), Map.entry("rho", "ρ"), Map.entry("varrho", "ϱ"),
      Map.entry("sigma", "σ"), Map.entry("varsigma", "ς"), Map.entry("tau", "τ"),
      Map.entry("upsilon", "υ"), Map.entry("phi", "ϕ"), Map.entry("varphi", "φ"),
      Map.entry("chi", "χ"), Map.entry("psi", "ψ"), Map.entry("omega", "ω"),
      Map.entry("Gamma", "Γ"), Map.entry("Delta", "Δ"), Map.entry("Theta", "Θ"),
      Map.entry("Lambda", "Λ"), Map.entry("Xi", "Ξ"), Map.entry("Pi", "Π"), Map.entry("Sigma", "Σ"),
      Map.entry("Upsilon", "Υ"), Map.entry("Phi", "Φ"), Map.entry("Psi", "Ψ"),
      Map.entry("Omega", "Ω"),
      // Math.
      Map.entry("times", "×"), Map.entry("cdot", "·"), Map.entry("pm", "±"), Map.entry("mp", "∓"),
      Map.entry("div", "÷"), Map.entry("leq", "≤"), Map.entry("le", "≤"), Map.entry("geq", "≥"),
      Map.entry("ge", "≥"), Map.entry("neq", "≠"), Map.entry("ne", "≠"), Map.entry("approx", "≈"),
      Map.entry("sim", "∼"), Map.entry("simeq", "≃"), Map.entry("equiv", "≡"),
      Map.entry("propto", "∝"), Map.entry("infty", "∞"), Map.entry("partial", "∂"),
      Map.entry("nabla", "∇"), Map.entry("sum", "∑"), Map.entry("prod", "∏"), Map.entry("int", "∫"),
      Map.entry("in", "∈"), Map.entry("notin", "∉"), Map.entry("subset", "⊂"),
      Map.entry("subseteq", "⊆"), Map.entry("supset", "⊃"), Map.entry("cup", "∪"),
      Map.entry("cap", "∩"), Map.entry("forall", "∀"), Map.entry("exists", "∃"),
      Map.entry("emptyset", "∅"), Map.entry("rightarrow", "→"), Map.entry("to", "→"),
      Map.entry("leftarrow", "←"), Map.entry("Rightarrow", "⇒"), Map.entry("Leftarrow", "⇐"),
      Map.entry("leftrightarrow", "↔"), Map.entry("mapsto", "↦"), Map.entry("ll", "≪"),
      Map.entry("gg", "≫"), Map.entry("ell", "ℓ"), Map.entry("circ", "∘"), Map.entry("ast", "∗"),
      Map.entry("star", "⋆"), Map.entry("prime", "′"), Map.entry("degree", "°"),
      Map.entry("lvert", "|"), Map.entry("rvert", "|"), Map.entry("vert", "|"), Map.entry("mid", "|"),
      Map.entry("Vert", "‖"), Map.entry("langle", "⟨"), Map.entry("rangle", "⟩"),
      Map.entry("lbrace", "{"), Map.entry("rbrace", "}"));

  /** Math operators written as words; kept apart from a preceding letter ({@code n\log n}). */
  private static final Set<String> OPERATORS = Set.of(
      "log", "ln", "lg", "exp", "sin", "cos", "tan", "max", "min", "arg", "argmax", "argmin",
      "sup", "inf", "lim", "det", "dim", "ker", "Pr", "deg", "gcd", "mod", "softmax");

  /** Commands whose one argument (after an optional {@code [...]}) is not text. */
  private static final Set<String> DROP_ARGUMENT = Set.of(
      "cite", "citep", "citet", "citealp", "citeauthor", "citeyear", "nocite", "parencite",
      "textcite", "autocite", "ref", "eqref", "autoref", "cref", "Cref", "pageref", "label",
      "hspace", "vspace", "color", "noopsort", "includegraphics", "href", "textcolor", "bibinfo",
      "bibfield");

  private static final String SUPERSCRIPTS_FROM = "0123456789+-−=()niT";
  private static final String SUPERSCRIPTS_TO = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱᵀ";
  private static final String SUBSCRIPTS_FROM = "0123456789+-−=()";
  private static final String SUBSCRIPTS_TO = "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎";

  private Latex() {}

  /**
   * Decodes a LaTeX text to plain Unicode in NFC. Never fails: what cannot be understood is dropped
   * or kept as written.
   *
   * @return the text; null for null
   */
  static String decode(String latex) {
    if (latex == null) {
      return null;
    }
    return Normalizer.normalize(new Decoder(latex, false, 0).run(), Normalizer.Form.NFC);
  }

  /**
   * Decodes a URL or DOI field: only escapes and braces are undone ({@code \_}, {@code \%}, {@code
   * &#92;url{...}}), because {@code ~}, {@code %} and {@code --} are ordinary characters in URLs.
   *
   * @return the URL; null for null
   */
  static String decodeUrl(String latex) {
    if (latex == null) {
      return null;
    }
    String value = latex.strip();
    for (String wrapper : List.of("\\url{", "\\href{")) {
      if (value.startsWith(wrapper) && value.endsWith("}")) {
        value = value.substring(wrapper.length(), value.length() - 1);
        int close = wrapper.equals("\\href{") ? value.indexOf('}') : -1;
        if (close >= 0) {
          value = value.substring(0, close);
        }
      }
    }
    value = value.replace("\\textasciitilde", "~").replace("\\textunderscore", "_");
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length() && "_%&#$~{}/".indexOf(value.charAt(i + 1)) >= 0) {
        out.append(value.charAt(++i));
      } else if (c != '{' && c != '}') {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** One decoding pass over one string; not thread-safe, created per call. */
  private static final class Decoder {

    private final String s;
    private final int depth;
    private final StringBuilder out = new StringBuilder();
    /** Accents waiting for the character they go on, innermost last. */
    private final List<Character> pending = new ArrayList<>(2);
    private boolean math;
    private int i;

    Decoder(String s, boolean math, int depth) {
      this.s = s;
      this.math = math;
      this.depth = depth;
    }

    String run() {
      while (i < s.length()) {
        char c = s.charAt(i);
        switch (c) {
          case '\\' -> command();
          case '{' -> i++; // braces only protect case in BibTeX; an accent before one stays pending
          case '}' -> {
            i++;
            flushPending(); // {\'} has no letter to go on
          }
          case '$' -> {
            i++;
            if (i < s.length() && s.charAt(i) == '$') {
              i++;
            }
            math = !math;
          }
          case '~' -> {
            i++;
            emit("\u00A0");
          }
          case '-' -> dashes();
          case '`' -> {
            boolean doubled = s.startsWith("``", i);
            i += doubled ? 2 : 1;
            emit(doubled ? "“" : "‘");
          }
          case '\'' -> {
            boolean doubled = !math && s.startsWith("''", i); // in math, f'' is two primes
            i += doubled ? 2 : 1;
            emit(doubled ? "”" : "'");
          }
          case '^', '_' -> {
            i++;
            if (math) {
              script(c);
            } else {
              emit(String.valueOf(c));
            }
          }
          default -> {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            emit(cp);
          }
        }
      }
      flushPending();
      return out.toString();
    }

    private void dashes() {
      int run = 0;
      while (i < s.length() && s.charAt(i) == '-') {
        run++;
        i++;
      }
      if (math) {
        emit("-".repeat(run));
        return;
      }
      for (; run >= 3; run -= 3) {
        emit("—");
      }
      emit(run == 2 ? "–" : run == 1 ? "-" : "");
    }

    private void command() {
      i++; // the backslash
      if (i >= s.length()) {
        return;
      }
      char c = s.charAt(i);
      if (!isAsciiLetter(c)) {
        i++;
        symbol(c);
        return;
      }
      int start = i;
      while (i < s.length() && isAsciiLetter(s.charAt(i))) {
        i++;
      }
      String name = s.substring(start, i);
      if (i < s.length() && s.charAt(i) == '*') {
        i++; // starred variants (\cite*, \section*) mean the same here
      }
      if (!math) {
        skipSpaces(); // TeX swallows spaces after a control word
      }
      word(name);
    }

    private void symbol(char c) {
      Character accent = ACCENTS.get(String.valueOf(c));
      if (accent != null) {
        accent(accent);
        return;
      }
      switch (c) {
        case '&', '%', '$', '#', '_', '{', '}' -> emit(String.valueOf(c));
        case ' ', '\n', '\t', '\r' -> emit(" "); // control space
        case ',' -> emit("\u2009"); // thin space
        case ';', ':', '>' -> emit(" ");
        case '\\' -> emit(" "); // a line break in a title is a space in plain text
        case '!', '-', '/', '@' -> { } // negative space, hyphenation point, italic correction
        case '(', '[' -> math = true;
        case ')', ']' -> math = false;
        default -> emit(String.valueOf(c));
      }
    }

    private void word(String name) {
      Character accent = name.length() == 1 ? ACCENTS.get(name) : null;
      if (accent != null) {
        accent(accent);
      } else if (OPERATORS.contains(name)) {
        if (!out.isEmpty() && Character.isLetterOrDigit(out.charAt(out.length() - 1))) {
          emit(" ");
        }
        emit(name);
      } else if (SYMBOLS.containsKey(name)) {
        emit(SYMBOLS.get(name));
      } else if (DROP_ARGUMENT.contains(name)) {
        // The tie in "results~\cite{x}." only kept the citation on the line; without it, it goes.
        if (!out.isEmpty() && out.charAt(out.length() - 1) == '\u00A0') {
          out.setLength(out.length() - 1);
        }
        skipOptionalArgument();
        argument(); // for \href and \textcolor the text is the next group, read as usual
      } else if (name.equals("url")) {
        emit(Latex.decodeUrl(argument()));
      } else if (name.equals("frac") || name.equals("dfrac") || name.equals("tfrac")) {
        String numerator = decodeArgument();
        String denominator = decodeArgument();
        emit(wrap(numerator) + "/" + wrap(denominator));
      } else if (name.equals("sqrt")) {
        skipOptionalArgument();
        emit("√" + wrap(decodeArgument()));
      }
      // Anything else is dropped; its braced arguments, if any, follow and are read as text.
    }

    private void accent(char mark) {
      skipSpaces();
      if (s.startsWith("{}", i)) {
        i += 2;
        emit(SPACING_ACCENTS.getOrDefault(mark, ""));
      } else {
        pending.add(mark);
      }
    }

    /** A superscript or subscript in math: Unicode script characters when all have one. */
    private void script(char kind) {
      String content = decodeArgument();
      String from = kind == '^' ? SUPERSCRIPTS_FROM : SUBSCRIPTS_FROM;
      String to = kind == '^' ? SUPERSCRIPTS_TO : SUBSCRIPTS_TO;
      if (content.isEmpty() || (kind == '^' && content.equals("′"))) {
        emit(content.isEmpty() ? String.valueOf(kind) : content);
        return;
      }
      StringBuilder mapped = new StringBuilder(content.length());
      for (int k = 0; k < content.length(); k++) {
        int at = from.indexOf(content.charAt(k));
        if (at < 0) {
          emit(kind + content);
          return;
        }
        mapped.append(to.charAt(at));
      }
      emit(mapped.toString());
    }

    /** The next argument decoded on its own, in the current mode. */
    private String decodeArgument() {
      String raw = argument();
      if (depth >= MAX_DEPTH) {
        return raw;
      }
      return new Decoder(raw, math, depth + 1).run();
    }

    /**
     * Reads the next argument as source text: a braced group's content, a control sequence, or one
     * character; empty at the end of the input.
     */
    private String argument() {
      skipSpaces();
      if (i >= s.length()) {
        return "";
      }
      char c = s.charAt(i);
      if (c == '{') {
        int close = matchingBrace(i);
        String content = s.substring(i + 1, close);
        i = Math.min(close + 1, s.length());
        return content;
      }
      int start = i;
      if (c == '\\' && i + 1 < s.length()) {
        i += 2;
        if (isAsciiLetter(s.charAt(i - 1))) {
          while (i < s.length() && isAsciiLetter(s.charAt(i))) {
            i++;
          }
        }
        return s.substring(start, i);
      }
      i += Character.charCount(s.codePointAt(i));
      return s.substring(start, i);
    }

    private void skipOptionalArgument() {
      skipSpaces();
      if (i < s.length() && s.charAt(i) == '[') {
        int close = s.indexOf(']', i);
        i = close < 0 ? s.length() : close + 1;
      }
    }

    /** The index of the brace closing the one at {@code open}, or the end of the input. */
    private int matchingBrace(int open) {
      int level = 0;
      for (int k = open; k < s.length(); k++) {
        char c = s.charAt(k);
        if (c == '\\') {
          k++; // \{ and \} do not nest
        } else if (c == '{') {
          level++;
        } else if (c == '}' && --level == 0) {
          return k;
        }
      }
      return s.length();
    }

    private void skipSpaces() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private void emit(String text) {
      for (int k = 0; k < text.length(); ) {
        int cp = text.codePointAt(k);
        k += Character.charCount(cp);
        emit(cp);
      }
    }

    private void emit(int cp) {
      if (pending.isEmpty()) {
        out.appendCodePoint(cp);
        return;
      }
      // The dotless i and j exist so that an accent can replace the dot: í, not ı́.
      out.appendCodePoint(cp == 'ı' ? 'i' : cp == 'ȷ' ? 'j' : cp);
      for (int k = pending.size() - 1; k >= 0; k--) {
        out.append(pending.get(k).charValue());
      }
      pending.clear();
    }

    private void flushPending() {
      for (Character mark : pending) {
        out.append(SPACING_ACCENTS.getOrDefault(mark, ""));
      }
      pending.clear();
    }

    private static String wrap(String operand) {
      return operand.codePointCount(0, operand.length()) <= 1 ? operand : "(" + operand + ")";
    }

    private static boolean isAsciiLetter(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
  }
}
