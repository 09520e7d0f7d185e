package dev.imago.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the testkit's module-info said before it became an automatic module (named {@code
 * dev.imago.testkit} in its manifest): an automatic module exports every package it has, so the
 * testkit has one package, its API; and it reads only the SPI, the exported packages of core,
 * JUnit Jupiter, AssertJ, QuickTheories and JSpecify, never a store or core's internals.
 */
class ArchitectureTest {
  private static final String[] ALLOWED = {"dev.imago.testkit", "dev.imago.spi",
      "dev.imago.core", "dev.imago.core.policy", "java..", "org.junit.jupiter.api..",
      "org.junit.jupiter.params..", "org.assertj.core..", "org.quicktheories..",
      "org.jspecify.."};

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importLocations(List.of(locationOf(ImageStoreContract.class)));
  }

  @Test
  void the_import_holds_the_main_classes_and_no_test() {
    assertThat(classes.contain(ImageStoreContract.class)).isTrue();
    assertThat(classes.contain(ImageServiceStatefulContract.class)).isTrue();
    assertThat(classes.contain(ArchitectureTest.class)).isFalse();
    assertThat(classes).hasSizeGreaterThan(20);
  }

  @Test
  void every_class_is_in_the_one_exported_package() {
    classes().should().resideInAPackage("dev.imago.testkit")
        .allowEmptyShould(false)
        .check(classes);
  }

  @Test
  void the_testkit_reads_only_the_spi_core_api_and_its_test_libraries() {
    dependsOnlyOn(ALLOWED).check(classes);
  }

  @Test
  void rules_that_the_code_breaks_fail() {
    assertThatThrownBy(() -> dependsOnlyOn("dev.imago.testkit", "java..").check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("org.quicktheories");
  }

  private static ArchRule dependsOnlyOn(String... packages) {
    return classes().should().onlyDependOnClassesThat().resideInAnyPackage(packages)
        .allowEmptyShould(false);
  }

  /** Where a main class was loaded from: a classes directory, or a jar in a reactor-less build. */
  private static Location locationOf(Class<?> type) {
    try {
      Path path = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isDirectory(path) ? Location.of(path) : Location.of(new JarFile(path.toFile()));
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot find the classes of " + type, e);
    }
  }
}
