/**
 * Not API: the built-in rules, one class per code of the rule catalogue, and the status table.
 * Not exported; hosts reach the rules through {@link
 * dev.imago.core.policy.PolicyEngine#builtInRules()}.
 */
package dev.imago.core.policy.internal;
