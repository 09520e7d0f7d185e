/**
 * Imago in a Spring Boot application: the auto-configuration of an {@link
 * dev.imago.core.ImageService} from the application's beans and the {@code imago.*} properties
 * ({@link dev.imago.spring.ImagoProperties}), its Micrometer meters ({@link
 * dev.imago.spring.MicrometerCommandListener}) and its health ({@link
 * dev.imago.spring.ImagoHealthIndicator}).
 */
package dev.imago.spring;
