package dev.imago.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imago.core.policy.PolicySettings;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepository;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;

/** The properties cover the whole policy, and IDEs get a description of each. */
class ImagoPropertiesTest {
  private static final Set<String> PROPERTIES = Set.of(
      "imago.max-private-images-per-region", "imago.max-import-size",
      "imago.max-fast-import-size", "imago.default-max-members", "imago.max-members-by-type",
      "imago.max-tags", "imago.max-replication-size", "imago.max-deprecation-lead",
      "imago.max-public-deprecation-lead", "imago.max-attempts",
      "imago.jdbc.migrate");

  @Test
  void every_setting_of_the_policy_has_a_property() {
    // PolicySettings has a with-method per value: a new value without a property fails here.
    Set<String> settings = Arrays.stream(PolicySettings.class.getMethods())
        .filter(method -> method.getName().startsWith("with")
            && !Modifier.isStatic(method.getModifiers()))
        .map(Method::getName)
        .map(name -> Character.toLowerCase(name.charAt(4)) + name.substring(5))
        .collect(Collectors.toSet());

    assertThat(settings).containsExactlyInAnyOrder("maxPrivateImagesPerRegion",
        "maxImportBytes", "maxFastImportBytes", "maxMembersByType", "defaultMaxMembers",
        "maxTags", "maxReplicationBytes", "maxDeprecationLead", "maxPublicDeprecationLead");
    assertThat(ImagoProperties.class.getRecordComponents()).hasSize(settings.size() + 2);
  }

  @Test
  void the_metadata_describes_every_property_with_its_default() throws Exception {
    ConfigurationMetadataRepository metadata;
    try (InputStream json = getClass().getResourceAsStream(
        "/META-INF/spring-configuration-metadata.json")) {
      assertThat(json).as("the configuration processor's output").isNotNull();
      metadata = ConfigurationMetadataRepositoryJsonBuilder.create(json).build();
    }

    assertThat(metadata.getAllProperties()).containsOnlyKeys(PROPERTIES);
    for (ConfigurationMetadataProperty property : metadata.getAllProperties().values()) {
      assertThat(property.getDescription()).as(property.getId()).isNotBlank()
          .doesNotContain("{@");
      if (!property.getId().equals("imago.max-members-by-type")) {
        assertThat(property.getDefaultValue()).as(property.getId()).isNotNull();
      }
    }
    assertThat(metadata.getAllProperties().get("imago.max-private-images-per-region")
        .getDefaultValue()).isEqualTo(PolicySettings.defaults().maxPrivateImagesPerRegion());
  }
}
