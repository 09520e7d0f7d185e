/**
 * The policy engine: "may this happen?" answered with every violated rule.
 *
 * <p>An {@link dev.imago.core.policy.Action} is judged in a {@link
 * dev.imago.core.policy.Context} (who asks, the image, the tenants and sources involved, the
 * counts and the {@link dev.imago.core.policy.PolicySettings}) by the {@link
 * dev.imago.core.policy.Rule}s of a {@link dev.imago.core.policy.PolicyEngine}: the built-in
 * rules, one per code of Imago's rule catalogue, and the host's own. The answer is a {@link
 * dev.imago.core.policy.Decision}: allowed, or denied with every {@link
 * dev.imago.core.policy.Violation}.
 */
// Every default here is a constant, so the values need no initialization shim: without it,
// building a Context (one per decision) allocates and publishes one object less.
@Value.Style(
    validationMethod = Value.Style.ValidationMethod.NONE,
    jdkOnly = true,
    defaultAsDefault = true,
    unsafeDefaultAndDerived = true,
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    allowedClasspathAnnotations = {Override.class})
package dev.imago.core.policy;

import org.immutables.value.Value;
