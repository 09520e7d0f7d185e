package dev.imago.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.spi.RuleCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's code sample and the rule-code table say what the code does. */
class DocumentationTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void readme_shows_the_sample_that_the_build_compiles() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String source = Files.readString(
        Path.of("src/main/java/dev/imago/examples/ReadmeSample.java"));
    Matcher sample = Pattern.compile("// README-START\\n(.*?)\\n\\s*// README-END",
        Pattern.DOTALL).matcher(source);
    assertThat(sample.find()).isTrue();
    String unindented = sample.group(1).lines()
        .map(line -> line.length() >= 4 ? line.substring(4) : line.strip())
        .collect(Collectors.joining("\n"));
    assertThat(readme).contains(unindented);
  }

  @Test
  void readme_sample_is_denied_with_share_encrypted() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      DemoCloud cloud = new DemoCloud();
      ReadmeSample.run(cloud.tenants, cloud.sources);
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .startsWith("SHARE_ENCRYPTED: image ")
        .contains(" is encrypted and cannot be shared");
  }

  @Test
  void rule_code_table_lists_exactly_the_codes_of_the_code() throws IOException {
    Set<String> documented = Files.readAllLines(ROOT.resolve("docs/rule-codes.md")).stream()
        .map(Pattern.compile("^\\| ([A-Z][A-Z0-9_]+) \\|")::matcher)
        .filter(Matcher::find)
        .map(match -> match.group(1))
        .collect(Collectors.toSet());
    Set<String> constants = Arrays.stream(RuleCode.class.getFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()))
        .filter(field -> field.getType() == RuleCode.class)
        .map(DocumentationTest::valueOf)
        .collect(Collectors.toSet());
    assertThat(documented).isEqualTo(constants).hasSizeGreaterThan(40);
  }

  @Test
  void every_example_is_named_in_the_readme() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    for (String example : List.of("QuickStart", "MarketplaceExample", "CustomRuleExample",
        "CustomStoreExample")) {
      assertThat(readme).contains(example);
    }
  }

  private static String valueOf(Field field) {
    try {
      return ((RuleCode) field.get(null)).value();
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
