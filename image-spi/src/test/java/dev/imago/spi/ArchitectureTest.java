package dev.imago.spi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SPI is the contract a store compiles against alone: it depends on the JDK and on
 * annotations only, never on another Imago module. image-core's ArchitectureTest holds the
 * directions between the modules; this one fails early, in the SPI's own build.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() throws URISyntaxException {
    // From target/classes, where ImageRecord was loaded, not by package name through the module
    // path; the tests are not imported.
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPath(Path.of(ImageRecord.class.getProtectionDomain().getCodeSource()
            .getLocation().toURI()));
  }

  @Test
  void the_import_holds_the_main_classes_and_no_test() {
    assertThat(classes.contain(ImageRecord.class)).isTrue();
    assertThat(classes.contain(ImmutableImageRecord.class)).isTrue();
    assertThat(classes.contain(ArchitectureTest.class)).isFalse();
    assertThat(classes).hasSizeGreaterThan(40);
  }

  @Test
  void the_spi_depends_only_on_the_jdk_and_annotations() {
    classes().that().resideInAPackage("dev.imago.spi..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("dev.imago.spi..", "java..", "org.immutables..", "org.jspecify..")
        .allowEmptyShould(false)
        .check(classes);
  }

  @Test
  void the_spi_depends_on_no_other_imago_module() {
    noClasses().that().resideInAPackage("dev.imago.spi..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("dev.imago.core..", "dev.imago.store..", "dev.imago.testkit..")
        .allowEmptyShould(false)
        .check(classes);
  }

  @Test
  void generated_value_classes_stay_out_of_the_public_api() {
    // Hosts hold ImageRecord, ImageRecord.Builder and ImageRecord.builder(); the Immutables
    // implementations and their With interfaces are not part of the documented API.
    noClasses().that().resideInAPackage("dev.imago.spi..")
        .and().haveSimpleNameStartingWith("Immutable")
        .should().bePublic()
        .check(classes);
    noClasses().that().resideInAPackage("dev.imago.spi..")
        .and().haveSimpleNameStartingWith("With")
        .should().bePublic()
        .check(classes);
  }

  @Test
  void a_rule_the_spi_breaks_fails() {
    // The SPI uses java.time: a rule forbidding it must fail, or the import is not being read.
    assertThatThrownBy(() -> noClasses().that().resideInAPackage("dev.imago.spi..")
        .should().dependOnClassesThat().resideInAPackage("java.time..").check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("java.time.Instant");
  }
}
