/**
 * Imago's conformance kit, in the manner of the JSR-107 TCK: the tests an implementation of a
 * port must pass, shipped as abstract JUnit Jupiter classes that an integrator extends with one
 * factory method ({@link dev.imago.testkit.ImageStoreContract}, {@link
 * dev.imago.testkit.TenantDirectoryContract}, {@link dev.imago.testkit.SourceDirectoryContract}),
 * the stateful and concurrent property tests of an image service over the store ({@link
 * dev.imago.testkit.ImageServiceStatefulContract}), and the QuickTheories generators they are
 * built on ({@link dev.imago.testkit.ImageGenerators}), for the integrator's own property tests.
 */
@NullMarked
package dev.imago.testkit;

import org.jspecify.annotations.NullMarked;
