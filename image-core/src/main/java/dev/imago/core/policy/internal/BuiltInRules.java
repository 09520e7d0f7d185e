package dev.imago.core.policy.internal;

import dev.imago.core.policy.ActionKind;
import dev.imago.core.policy.Context;
import dev.imago.core.policy.Rule;
import dev.imago.core.policy.Violation;
import dev.imago.spi.ImageRecord;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The built-in rules in evaluation order: the not-found rules first, so that they gate. */
public final class BuiltInRules {
  /** Every action on an existing image but reading, which the not-found rules list first. */
  static final ActionKind[] ON_IMAGES = {
    ActionKind.CHANGE_STATUS, ActionKind.USE, ActionKind.SHARE, ActionKind.ACCEPT,
    ActionKind.REJECT, ActionKind.REVOKE, ActionKind.LIST_MEMBERS, ActionKind.PUBLISH,
    ActionKind.WITHDRAW, ActionKind.REPLICATE, ActionKind.PROTECT, ActionKind.UNPROTECT,
    ActionKind.UPDATE_TAGS, ActionKind.DELETE, ActionKind.DEPRECATE,
    ActionKind.CANCEL_DEPRECATION, ActionKind.SET_FAMILY
  };

  private static final List<Rule> ALL = List.of(
      // Visibility comes before deletion, so that a deleted image of someone else answers
      // exactly as an id that never existed.
      new UnseenImagesAreNotFound(),
      new DeletedImagesAreGone(),
      new StatusMovesFollowTheTable(),
      new ProtectedImagesAreNotDeleted(),
      new OnlyTheOperatorManagesPublicImages(),
      new OnlyTheOwnerChangesAnImage(),
      new SystemDiskImagesComeFromAServerOrAFile(),
      new DataDiskImagesHoldOnlyData(),
      new FullServerImagesHoldEveryDisk(),
      new IsoImagesComeFromIsoFiles(),
      new ImportedFilesHaveADiskFormat(),
      new ImportedFilesFitTheSizeLimit(),
      new PrivateImagesStayWithinQuota(),
      new CreatorsOwnTheirSource(),
      new TagsStayWithinTheLimit(),
      new OnlyActiveImagesAreUsed(),
      new ImagesAreUsedInTheirRegion(),
      new EachTypeCreatesItsOwnTargets(),
      new ServerKindIsSupported(),
      new FlavorMeetsTheMinimums(),
      new PaidImagesNeedAcceptedTerms(),
      new OnlyTheOwnerManagesMembers(),
      new OnlyPrivateImagesAreShared(),
      new MarketAndSharingExcludeEachOther(),
      new OnlyActiveImagesAreShared(),
      new EncryptedImagesAreNotShared(),
      new FullServerImagesAreSharedFromBackups(),
      new SharingStaysInTheRegion(),
      new MembersStayWithinTheLimit(),
      new RecipientsExistAndAreActive(),
      new RevokeNamesAMember(),
      new OnlyTheMemberAnswers(),
      new FullServerAcceptNeedsAVault(),
      new OnlyEligibleImagesArePublished(),
      new OnlyListedImagesAreWithdrawn(),
      new ReplicasGoToTheOwnersOtherRegion(),
      new SomeImagesStayInTheirRegion(),
      new MarketAndPublicImagesAreNotReplicated(),
      new RetirementsFollowTheirSchedule(),
      new ReplacementsAreEligible(),
      new ObsoleteImagesCreateNothingNew(),
      new DeprecatedImagesWarn());

  private BuiltInRules() {}

  /**
   * Asks one rule about the action in the context: a built-in rule directly, with the image the
   * engine resolved once for the whole decision; a host's rule through {@link Rule#check}.
   *
   * @param rule the rule
   * @param context the facts of the decision
   * @param image the context's image, or {@code null} when it has none
   * @param violations where the rule reports
   */
  public static void check(Rule rule, Context context, @Nullable ImageRecord image,
      Consumer<Violation> violations) {
    if (rule instanceof BuiltInRule builtIn) {
      builtIn.judge(context, image, violations);
    } else {
      rule.check(context, violations);
    }
  }

  /**
   * Returns the built-in rules.
   *
   * @return the rules, in evaluation order
   */
  public static List<Rule> all() {
    return ALL;
  }
}
