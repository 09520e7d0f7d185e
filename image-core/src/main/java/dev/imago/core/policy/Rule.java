package dev.imago.core.policy;

import dev.imago.spi.RuleCode;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One rule of the policy: a small named object that looks at a context and reports each way the
 * action breaks it. The built-in rules are one per code of Imago's rule catalogue; a host adds
 * its own through {@link PolicyEngine.Builder#addRule(Rule)}.
 *
 * <p>A rule is stateless, thread-safe and cheap: it sits on every request path. It reports
 * nothing when the action keeps it. A rule that reports a {@link Category#NOT_FOUND} violation
 * ends the evaluation, so that no other rule says anything about an image the caller may not
 * see.
 *
 * <pre>{@code
 * final class SharesStayInTheOrganization implements Rule {
 *   public RuleCode code() { return RuleCode.of("ORG_SHARE_ONLY"); }
 *   public Set<ActionKind> actions() { return EnumSet.of(ActionKind.SHARE); }
 *   public void check(Context context, Consumer<Violation> violations) { ... }
 * }
 * }</pre>
 */
public interface Rule {
  /**
   * Returns the code of the violations this rule reports.
   *
   * @return the rule's code
   */
  RuleCode code();

  /**
   * Returns the kinds of action this rule judges; it is asked about no other.
   *
   * @return the action kinds
   */
  Set<ActionKind> actions();

  /**
   * Reports each way the action in the context breaks the rule.
   *
   * @param context the facts of the decision
   * @param violations where to report; not called when the action keeps the rule
   */
  void check(Context context, Consumer<Violation> violations);

  /**
   * Reports what an allowed action should tell the caller (a {@link Notice}), such as a warning
   * that the image is deprecated. The engine asks only when no rule refused the action. By
   * default a rule gives no notice.
   *
   * @param context the facts of the decision
   * @param notices where to report
   */
  default void notices(Context context, Consumer<Notice> notices) {}
}
