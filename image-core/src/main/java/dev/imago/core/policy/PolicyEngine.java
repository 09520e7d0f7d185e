package dev.imago.core.policy;

import dev.imago.core.policy.internal.BuiltInRules;
import dev.imago.core.policy.internal.Fees;
import dev.imago.core.policy.internal.Verdicts;
import dev.imago.spi.ImageRecord;
import dev.imago.spi.Inputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Judges actions: evaluates every rule that concerns the action and answers with a {@link
 * Decision} that lists every violation, not the first. A rule reporting a {@link
 * Category#NOT_FOUND} violation ends the evaluation, so that nothing else is said about an
 * image the caller may not see; the built-in rules that do so come first. A built-in rule about
 * who may act (only the owner shares, changes, publishes or replicates an image, only the
 * operator manages public images, only a member answers, a creator owns its source) refuses
 * instead: the refusal ends the evaluation and is all the decision says, so that a caller who
 * may not act learns nothing beyond it.
 *
 * <p>An engine is immutable and thread-safe; build it once and share it.
 */
public final class PolicyEngine {
  private static final Rule[] NO_RULES = new Rule[0];
  private static final PolicyEngine STANDARD = new PolicyEngine(BuiltInRules.all());

  private final List<Rule> rules;
  private final Map<ActionKind, Rule[]> rulesByAction = new EnumMap<>(ActionKind.class);
  private final Map<ActionKind, Rule[]> noticesByAction = new EnumMap<>(ActionKind.class);

  private PolicyEngine(List<Rule> rules) {
    this.rules = List.copyOf(Inputs.presentElements(rules, "rules"));
    for (ActionKind kind : ActionKind.values()) {
      rulesByAction.put(kind, this.rules.stream()
          .filter(rule -> rule.actions().contains(kind))
          .toArray(Rule[]::new));
      // Only rules that can give a notice are asked for one: most decisions have none to ask.
      noticesByAction.put(kind, Arrays.stream(rulesByAction.get(kind))
          .filter(PolicyEngine::givesNotices)
          .toArray(Rule[]::new));
    }
  }

  private static boolean givesNotices(Rule rule) {
    try {
      return rule.getClass().getMethod("notices", Context.class, Consumer.class)
          .getDeclaringClass() != Rule.class;
    } catch (NoSuchMethodException impossible) {
      throw new AssertionError(impossible);
    }
  }

  /**
   * Returns the engine with the built-in rules only.
   *
   * @return the standard engine
   */
  public static PolicyEngine standard() {
    return STANDARD;
  }

  /**
   * Returns an engine with exactly the given rules, evaluated in order. Hosts normally start from
   * {@link #builder()}, which keeps the built-in rules; this is for tests and for hosts that
   * compose a policy of their own.
   *
   * @param rules the rules
   * @return the engine
   * @throws dev.imago.spi.InputException if the list or a rule is absent
   */
  public static PolicyEngine of(List<Rule> rules) {
    return new PolicyEngine(rules);
  }

  /**
   * Returns a builder holding the built-in rules.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the built-in rules, one per code of the rule catalogue, in evaluation order.
   *
   * @return the built-in rules
   */
  public static List<Rule> builtInRules() {
    return BuiltInRules.all();
  }

  /**
   * Returns this engine's rules, in evaluation order.
   *
   * @return the rules
   */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * Decides whether the action in the context may happen. It changes nothing.
   *
   * @param context the facts of the decision
   * @return the decision, with every violation and, for using a paid market image, the charges
   * @throws dev.imago.spi.InputException if the context is absent
   */
  public Decision evaluate(Context context) {
    Inputs.present(context, "context");
    // Resolved once here rather than by each rule: the rules of one action share the image.
    ImageRecord image = context.image().orElse(null);
    Collector collector = new Collector();
    for (Rule rule : rulesByAction.getOrDefault(context.action().kind(), NO_RULES)) {
      BuiltInRules.check(rule, context, image, collector);
      if (collector.notFound != null) {
        return Decision.of(List.of(collector.notFound), List.of());
      }
      if (collector.refusal != null) {
        return Decision.of(List.of(collector.refusal), List.of());
      }
    }
    List<Charge> charges = Fees.charges(context, image);
    List<Notice> notices = collector.violations == null ? notices(context) : List.of();
    return collector.violations == null && charges.isEmpty() && notices.isEmpty()
        ? Decision.allowed()
        : Decision.of(collector.violations == null ? List.of() : collector.violations, charges,
            notices);
  }

  private List<Notice> notices(Context context) {
    Rule[] rules = noticesByAction.get(context.action().kind());
    if (rules.length == 0) {
      return List.of();
    }
    NoticeCollector notices = new NoticeCollector();
    for (Rule rule : rules) {
      rule.notices(context, notices);
    }
    return notices.notices;
  }

  /** Gathers notices, creating a list only when the first one comes: most decisions have none. */
  private static final class NoticeCollector implements Consumer<Notice> {
    List<Notice> notices = List.of();

    @Override
    public void accept(Notice notice) {
      if (notices.isEmpty()) {
        notices = new ArrayList<>(2);
      }
      notices.add(Inputs.present(notice, "notice"));
    }
  }

  /** Gathers violations, creating a list only when the first one comes. */
  private static final class Collector implements Verdicts {
    List<Violation> violations;
    Violation notFound;
    Violation refusal;

    @Override
    public void refuse(Violation violation) {
      Inputs.present(violation, "refusal");
      if (refusal == null) {
        refusal = violation;
      }
    }

    @Override
    public void accept(Violation violation) {
      Inputs.present(violation, "violation");
      if (violation.category() == Category.NOT_FOUND) {
        if (notFound == null) {
          notFound = violation;
        }
        return;
      }
      if (violations == null) {
        violations = new ArrayList<>(4);
      }
      violations.add(violation);
    }
  }

  /** Builds an engine from the built-in rules and the host's own. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>(BuiltInRules.all());

    private Builder() {}

    /**
     * Adds a host rule, evaluated after the rules already added.
     *
     * @param rule the rule
     * @return this builder
     * @throws dev.imago.spi.InputException if the rule is absent
     */
    public Builder addRule(Rule rule) {
      rules.add(Inputs.present(rule, "rule"));
      return this;
    }

    /**
     * Builds the engine.
     *
     * @return the engine
     */
    public PolicyEngine build() {
      return new PolicyEngine(rules);
    }
  }
}
