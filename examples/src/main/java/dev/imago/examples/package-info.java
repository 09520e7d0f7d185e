/**
 * Runnable programs that show Imago as a host uses it: {@link dev.imago.examples.QuickStart},
 * {@link dev.imago.examples.MarketplaceExample}, {@link dev.imago.examples.CustomRuleExample} and
 * {@link dev.imago.examples.CustomStoreExample}.
 */
package dev.imago.examples;
