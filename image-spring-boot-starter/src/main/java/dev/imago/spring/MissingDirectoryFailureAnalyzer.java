package dev.imago.spring;

import dev.imago.spi.SourceDirectory;
import dev.imago.spi.TenantDirectory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Says what to define when the application lacks the {@link TenantDirectory} or the {@link
 * SourceDirectory} that Imago asks of it, instead of Spring's bare "no such bean". It comes before
 * Spring Boot's own analyzer of missing beans, which would only name the type.
 */
final class MissingDirectoryFailureAnalyzer
    extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> implements Ordered {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
    Class<?> type = cause.getBeanType();
    if (type == TenantDirectory.class) {
      return new FailureAnalysis(
          "Imago's ImageService needs a bean of type dev.imago.spi.TenantDirectory: the"
              + " application's tenants (projects), with their regions and status. The"
              + " application defines none.",
          "Define a @Bean of type TenantDirectory that answers from your identity or account"
              + " service (find(TenantId) and findProjectIn(TenantId, RegionId)); for a trial,"
              + " new dev.imago.store.memory.InMemoryTenantDirectory(). Or define your own"
              + " ImageService bean, and Imago's auto-configuration steps aside.",
          cause);
    }
    if (type == SourceDirectory.class) {
      return new FailureAnalysis(
          "Imago's ImageService needs a bean of type dev.imago.spi.SourceDirectory: the"
              + " servers, disks, cloud backups and files that images are made from. The"
              + " application defines none.",
          "Define a @Bean of type SourceDirectory that answers from your compute, storage and"
              + " backup services (findServer, findDisk, findBackup, findFile); for a trial,"
              + " new dev.imago.store.memory.InMemorySourceDirectory(). Or define your own"
              + " ImageService bean, and Imago's auto-configuration steps aside.",
          cause);
    }
    return null;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
