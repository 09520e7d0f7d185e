package dev.imago.core.policy;

/** The kinds of {@link Action}, by which rules say what they judge. */
public enum ActionKind {
  /** {@link Action.RegisterPublic}. */
  REGISTER_PUBLIC,
  /** {@link Action.Create}. */
  CREATE,
  /** {@link Action.Read}. */
  READ,
  /** {@link Action.ChangeStatus}. */
  CHANGE_STATUS,
  /** {@link Action.Use}. */
  USE,
  /** {@link Action.Share}. */
  SHARE,
  /** {@link Action.Accept}. */
  ACCEPT,
  /** {@link Action.Reject}. */
  REJECT,
  /** {@link Action.Revoke}. */
  REVOKE,
  /** {@link Action.ListMembers}. */
  LIST_MEMBERS,
  /** {@link Action.Publish}. */
  PUBLISH,
  /** {@link Action.Withdraw}. */
  WITHDRAW,
  /** {@link Action.Replicate}. */
  REPLICATE,
  /** {@link Action.Protect}. */
  PROTECT,
  /** {@link Action.Unprotect}. */
  UNPROTECT,
  /** {@link Action.UpdateTags}. */
  UPDATE_TAGS,
  /** {@link Action.Delete}. */
  DELETE,
  /** {@link Action.Deprecate}. */
  DEPRECATE,
  /** {@link Action.CancelDeprecation}. */
  CANCEL_DEPRECATION,
  /** {@link Action.SetFamily}. */
  SET_FAMILY,
  /**
   * Listing images ({@code ImageService.listVisible} and {@code listSharedWithMe}). No action has
   * this kind and no rule judges it: a listing shows what the store's visibility query selects. It
   * names listings in a {@code CommandObservation}.
   */
  LIST;

  /**
   * Tells whether the action concerns an existing image.
   *
   * @return {@code false} for registering, creating and listing, {@code true} otherwise
   */
  public boolean concernsAnImage() {
    return this != REGISTER_PUBLIC && this != CREATE && this != LIST;
  }
}
