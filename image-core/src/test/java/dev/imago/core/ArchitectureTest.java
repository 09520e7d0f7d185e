package dev.imago.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import dev.imago.core.policy.PolicyEngine;
import dev.imago.core.policy.Rule;
import dev.imago.spi.ImageRecord;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The directions of DESIGN.md: image-spi knows no other Imago module, image-core depends on the
 * SPI, slf4j and annotations only, implementation packages stay inside their module, and
 * built-in rules are package-private {@link Rule}s.
 *
 * <p>Classes are imported from where the main classes were loaded (a target/classes directory,
 * or the installed jar of image-spi when image-core is built alone), not by package name, which
 * does not depend on how the module path exposes packages. Every rule refuses to pass on an empty
 * set of classes, and {@link #rules_that_the_code_breaks_fail()} shows the import is read.
 */
class ArchitectureTest {
  private static final String SPI = "dev.imago.spi..";
  private static final String CORE = "dev.imago.core..";

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importLocations(List.of(locationOf(ImageRecord.class), locationOf(Caller.class)));
  }

  @Test
  void the_import_holds_the_main_classes_of_both_modules_and_no_test() {
    assertThat(classes.contain(ImageRecord.class)).isTrue();
    assertThat(classes.contain(PolicyEngine.class)).isTrue();
    assertThat(classes.contain("dev.imago.core.policy.internal.StatusTable")).isTrue();
    assertThat(classes.contain("dev.imago.core.internal.Image")).isTrue();
    assertThat(classes.contain(ArchitectureTest.class)).isFalse();
    assertThat(classes.stream().filter(type -> type.getPackageName().startsWith("dev.imago.spi")))
        .hasSizeGreaterThan(40);
    assertThat(classes.stream().filter(type -> type.getPackageName().startsWith("dev.imago.core")))
        .hasSizeGreaterThan(60);
  }

  @Test
  void the_spi_depends_on_no_other_imago_module() {
    noClasses().that().resideInAPackage(SPI)
        .should().dependOnClassesThat()
        .resideInAnyPackage(CORE, "dev.imago.store..", "dev.imago.testkit..")
        .allowEmptyShould(false)
        .check(classes);
  }

  @Test
  void the_spi_depends_only_on_the_jdk_and_annotations() {
    classes().that().resideInAPackage(SPI)
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage(SPI, "java..", "org.immutables..", "org.jspecify..")
        .allowEmptyShould(false)
        .check(classes);
  }

  @Test
  void core_depends_only_on_the_spi_the_jdk_slf4j_and_annotations() {
    coreDependsOnlyOn(SPI, CORE, "java..", "org.slf4j..", "org.immutables..", "org.jspecify..")
        .check(classes);
  }

  @Test
  void core_internals_are_used_only_inside_core() {
    noClasses().that().resideOutsideOfPackage(CORE)
        .should().dependOnClassesThat().resideInAPackage("dev.imago.core..internal..")
        .allowEmptyShould(false)
        .check(classes);
  }

  @Test
  void spi_internals_are_used_only_inside_the_spi() {
    noClasses().that().resideOutsideOfPackage(SPI)
        .should().dependOnClassesThat().resideInAPackage("..spi.internal..")
        .allowEmptyShould(false)
        .check(classes);
  }

  @Test
  void every_built_in_rule_class_is_a_package_private_rule() {
    classes().that().resideInAPackage("dev.imago.core.policy.internal")
        .and().areTopLevelClasses()
        .and().doNotHaveSimpleName("BuiltInRules")
        .and().doNotHaveSimpleName("StatusTable")
        .and().doNotHaveSimpleName("Fees")
        .and().doNotHaveSimpleName("Verdicts")
        .and().doNotHaveSimpleName("Facts")
        .and().doNotHaveSimpleName("FamilyLatest")
        .and().doNotHaveSimpleName("package-info")
        .should().beAssignableTo(Rule.class)
        .andShould().notBePublic()
        .allowEmptyShould(false)
        .check(classes);
    for (Rule rule : PolicyEngine.builtInRules()) {
      assertThat(Modifier.isPublic(rule.getClass().getModifiers()))
          .as("%s is public", rule.getClass()).isFalse();
      assertThat(classes.contain(rule.getClass())).as("%s imported", rule.getClass()).isTrue();
    }
  }

  @Test
  void rules_that_the_code_breaks_fail() {
    // Core uses the SPI, core classes use core internals, and rules are package-private: each
    // wrong rule must fail, so the rules above do not pass on an empty or misread import.
    assertThatThrownBy(() -> coreDependsOnlyOn(CORE, "java..").check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("dev.imago.spi");
    assertThatThrownBy(() -> noClasses().that().resideInAPackage(CORE)
        .should().dependOnClassesThat().resideInAPackage("dev.imago.core..internal..")
        .check(classes))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> classes().that().resideInAPackage("dev.imago.core.policy.internal")
        .and().areAssignableTo(Rule.class).should().bePublic().check(classes))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> classes().that().resideInAPackage("dev.imago.nowhere..")
        .should().bePublic().allowEmptyShould(false).check(classes))
        .isInstanceOf(AssertionError.class);
  }

  private static ArchRule coreDependsOnlyOn(String... packages) {
    return classes().that().resideInAPackage(CORE)
        .should().onlyDependOnClassesThat().resideInAnyPackage(packages)
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
