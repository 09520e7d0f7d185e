package dev.imago.store.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL store compiles against image-spi alone, as any host's store would: it never sees
 * the domain (image-core) or another store, only Flyway touches Flyway, and its implementation
 * is not exported.
 */
class ArchitectureTest {
  private static Path mainClasses;
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() throws URISyntaxException {
    mainClasses = Path.of(JdbcImageStore.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPath(mainClasses);
  }

  @Test
  void the_import_holds_the_main_classes_and_no_test() {
    assertThat(classes.contain(JdbcImageStore.class)).isTrue();
    assertThat(classes.contain(ArchitectureTest.class)).isFalse();
  }

  @Test
  void the_store_depends_only_on_the_spi_the_jdk_and_annotations() {
    classes().that().resideInAPackage("dev.imago.store.jdbc..")
        .and().doNotHaveFullyQualifiedName(ImagoSchema.class.getName())
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("dev.imago.spi..", "dev.imago.store.jdbc..", "java..", "javax.sql..",
            "org.jspecify..")
        .allowEmptyShould(false)
        .check(classes);
  }

  @Test
  void only_the_schema_runner_uses_flyway() {
    noClasses().that().doNotHaveFullyQualifiedName(ImagoSchema.class.getName())
        .should().dependOnClassesThat().resideInAPackage("org.flywaydb..")
        .check(classes);
  }

  @Test
  void the_store_never_sees_the_domain_or_another_store() {
    noClasses().that().resideInAPackage("dev.imago.store.jdbc..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("dev.imago.core..", "dev.imago.store.memory..", "dev.imago.testkit..",
            "org.postgresql..")
        .allowEmptyShould(false)
        .check(classes);
  }

  @Test
  void the_module_exports_the_api_and_requires_the_spi_and_jdbc_only() {
    ModuleDescriptor module = ModuleFinder.of(mainClasses).findAll().iterator().next()
        .descriptor();

    assertThat(module.name()).isEqualTo("dev.imago.store.jdbc");
    assertThat(module.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.imago.store.jdbc");
    Set<String> required = module.requires().stream()
        .filter(requires -> !requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
        .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
    assertThat(required).containsExactlyInAnyOrder("java.base", "java.sql", "dev.imago.spi");
  }
}
