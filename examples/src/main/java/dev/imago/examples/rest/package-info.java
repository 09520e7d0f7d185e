/**
 * Imago as a REST service on Spring Boot and PostgreSQL: {@link
 * dev.imago.examples.rest.RestExampleApplication}, its endpoints ({@link
 * dev.imago.examples.rest.ImageController}), refusals as problem details ({@link
 * dev.imago.examples.rest.ProblemAdvice}) and the outbox relay of the event log ({@link
 * dev.imago.examples.rest.OutboxRelay}).
 */
package dev.imago.examples.rest;
