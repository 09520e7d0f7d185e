package dev.imago.testkit;

import dev.imago.core.Caller;
import dev.imago.core.ImageService;
import dev.imago.core.ShareResult;
import dev.imago.core.policy.ImageSpec;
import dev.imago.core.policy.SourceRef;
import dev.imago.core.policy.UseRequest;
import dev.imago.spi.ImageId;
import dev.imago.spi.ImageStatus;
import dev.imago.spi.Price;
import dev.imago.spi.RegionId;
import dev.imago.spi.TenantId;
import dev.imago.spi.VaultId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a stateful test: a call of the {@link ImageService}. A command that acts on an
 * image names it by a slot, resolved when it runs (see {@link OnImage}), so that any
 * subsequence of commands is itself a valid test: that is what shrinking needs.
 */
sealed interface Command {
  /**
   * Returns who runs the command.
   *
   * @return the actor
   */
  Actor actor();

  /**
   * Calls the service.
   *
   * @param service the service under test
   * @param caller the caller, resolved from the actor
   * @param image the image the command acts on, resolved from its slot; {@code null} for a
   *     command that makes a new image
   * @return what the service answered
   */
  Outcome runOn(ImageService service, Caller caller, ImageId image);

  /**
   * Says what the command does, one line.
   *
   * @param caller how to name the caller
   * @param image how to name the image it acts on
   * @return the description
   */
  String describe(String caller, String image);

  /**
   * Who runs a command: a given caller, or the owner of the image the command acts on, resolved
   * when it runs (alice when the image has no owner), so that owners act on their own images
   * whichever image a slot lands on.
   *
   * @param caller the given caller, or empty for the image's owner
   */
  record Actor(Optional<Caller> caller) {
    static final Actor OWNER = new Actor(Optional.empty());

    static Actor of(Caller caller) {
      return new Actor(Optional.of(caller));
    }

    Caller resolve(Optional<TenantId> owner) {
      return caller.orElseGet(() -> Caller.tenant(owner.orElse(ServiceWorld.ALICE)));
    }

    @Override
    public String toString() {
      return caller.map(Command::name).orElse("owner");
    }
  }

  /** A command on an existing image, named by a slot. */
  sealed interface OnImage extends Command {
    /**
     * Returns which image the command acts on: slot k is the k-th most recent image that is not
     * deleted (0 the latest), counting round when fewer exist.
     *
     * @return the slot
     */
    int slot();
  }

  /** How a sequence shows a slot before it runs: img@0 is the latest image not deleted. */
  static String slotName(int slot) {
    return "img@" + slot;
  }

  static String name(Caller caller) {
    return caller.tenant().map(TenantId::value).orElse("operator");
  }

  record Create(TenantId creator, ImageSpec spec) implements Command {
    @Override
    public Actor actor() {
      return Actor.of(Caller.tenant(creator));
    }

    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> created(service.createImage(caller, spec).id()));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " creates " + spec.type() + " \"" + spec.name() + "\" from "
          + source(spec.source()) + options(spec);
    }
  }

  record RegisterPublic(ImageSpec spec, RegionId region) implements Command {
    @Override
    public Actor actor() {
      return Actor.of(Caller.operator());
    }

    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> created(service.registerPublicImage(caller, spec, region).id()));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " registers public " + spec.type() + " \"" + spec.name() + "\" from "
          + source(spec.source()) + " in " + region + options(spec);
    }
  }

  /** The image pipeline, which acts as the operator. */
  record ReportProgress(int slot, ImageStatus status) implements OnImage {
    @Override
    public Actor actor() {
      return Actor.of(Caller.operator());
    }

    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> service.reportProgress(image, status).status());
    }

    @Override
    public String describe(String caller, String image) {
      return "pipeline reports " + image + " " + status;
    }
  }

  /** The owner takes an ACTIVE image out of use, or puts a DEACTIVATED one back. */
  record SetActive(Actor actor, int slot, boolean active) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> (active ? service.reactivate(caller, image)
          : service.deactivate(caller, image)).status());
    }

    @Override
    public String describe(String caller, String image) {
      return caller + (active ? " reactivates " : " deactivates ") + image;
    }
  }

  record Share(Actor actor, int slot, List<TenantId> recipients) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> shared(service.share(caller, image, recipients)));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " shares " + image + " with " + recipients;
    }
  }

  record Accept(Actor actor, int slot, Optional<VaultId> vault) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> ImageView.member(vault.isPresent()
          ? service.accept(caller, image, vault.get()) : service.accept(caller, image)));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " accepts " + image + vault.map(id -> " into vault " + id).orElse("");
    }
  }

  record Reject(Actor actor, int slot) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> ImageView.member(service.reject(caller, image)));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " rejects " + image;
    }
  }

  record Revoke(Actor actor, int slot, TenantId member) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> {
        service.revoke(caller, image, member);
        return "";
      });
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " revokes " + member + " from " + image;
    }
  }

  record Publish(Actor actor, int slot, Optional<Price> price) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> (price.isPresent()
          ? service.publish(caller, image, price.get()) : service.publish(caller, image))
          .imageClass());
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " publishes " + image + " "
          + price.map(ImageView::price).map(text -> "at " + text).orElse("free");
    }
  }

  record Withdraw(Actor actor, int slot) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> service.withdraw(caller, image).imageClass());
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " withdraws " + image;
    }
  }

  record Replicate(Actor actor, int slot, RegionId region) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> created(service.replicate(caller, image, region).id()));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " replicates " + image + " to " + region;
    }
  }

  /** The owner protects an image from deletion, or removes the protection. */
  record Protect(Actor actor, int slot, boolean protect) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> (protect ? service.protect(caller, image)
          : service.unprotect(caller, image)).deletionProtected());
    }

    @Override
    public String describe(String caller, String image) {
      return caller + (protect ? " protects " : " unprotects ") + image;
    }
  }

  record UpdateTags(Actor actor, int slot, Map<String, String> tags) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> ImageView.tags(service.updateTags(caller, image, tags).tags()));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " tags " + image + " " + tags;
    }
  }

  record Delete(Actor actor, int slot) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> {
        service.delete(caller, image);
        return "";
      });
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " deletes " + image;
    }
  }

  record Use(Actor actor, int slot, UseRequest request) implements OnImage {
    @Override
    public Outcome runOn(ImageService service, Caller caller, ImageId image) {
      return Outcome.of(() -> ImageView.plan(service.authorizeUse(caller, image, request)));
    }

    @Override
    public String describe(String caller, String image) {
      return caller + " uses " + image + " for " + request.target() + " in "
          + request.region() + request.serverKind().map(kind -> " on " + kind).orElse("")
          + ", " + request.diskGib() + " GiB/" + request.ramMib() + " MiB"
          + request.serverFee().map(fee -> ", server fee " + ImageView.price(fee)).orElse("")
          + (request.acceptsPrice() ? ", accepting the price" : "");
    }
  }

  static String created(ImageId id) {
    return "created " + id;
  }

  static String shared(ShareResult result) {
    return shared(result.added(), result.alreadyMembers());
  }

  static String shared(List<TenantId> added, List<TenantId> alreadyMembers) {
    return "added " + added + ", already members " + alreadyMembers;
  }

  private static String source(SourceRef source) {
    if (source instanceof SourceRef.Server server) {
      return "server " + server.id();
    } else if (source instanceof SourceRef.Disk disk) {
      return "disk " + disk.id();
    } else if (source instanceof SourceRef.Backup backup) {
      return "backup " + backup.id();
    }
    return "file " + ((SourceRef.File) source).id();
  }

  private static String options(ImageSpec spec) {
    List<String> options = new ArrayList<>();
    spec.os().ifPresent(os -> options.add("OS " + ImageView.os(spec.os())));
    spec.encryptionKey().ifPresent(key -> options.add("key " + key));
    spec.minDiskGib().ifPresent(size -> options.add("min disk " + size + " GiB"));
    if (spec.minRamMib() > 0) {
      options.add("min RAM " + spec.minRamMib() + " MiB");
    }
    if (!spec.serverKinds().isEmpty()) {
      options.add("kinds " + ImageView.serverKinds(spec.serverKinds()));
    }
    if (!spec.tags().isEmpty()) {
      options.add("tags " + ImageView.tags(spec.tags()));
    }
    return options.isEmpty() ? "" : " " + options;
  }
}
