package dev.imago.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs each example's main and checks the lines that tell its story, so examples cannot rot. */
class ExamplesTest {
  interface Main {
    void run(String[] args) throws Exception;
  }

  private static String output(Main main) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      main.run(new String[0]);
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void quick_start_tells_the_whole_story() throws Exception {
    String out = output(QuickStart::main);
    assertThat(out)
        .contains("Debian 12 [img-002] PUBLIC SYSTEM_DISK ACTIVE")
        .contains("Ubuntu 22.04 [img-001] PUBLIC SYSTEM_DISK ACTIVE")
        .contains("web-server [img-003] PRIVATE SYSTEM_DISK ACTIVE, owned by acme-north")
        .contains("the image pipeline moved it QUEUED -> SAVING -> ACTIVE")
        .contains("added [globex-north] as PENDING")
        .contains("globex-north is now ACCEPTED")
        .contains("plan: SERVER with disks [SYSTEM 40 GiB], no charges")
        .contains("SHARE_REGION: tenant initech-south is in ap-southeast-1")
        .contains("replicate the image to ap-southeast-1 first")
        .contains("replica img-004 is owned by acme-south, copied from img-003 in cn-north-4")
        .contains("added [initech-south] as PENDING")
        .contains("SHARE_ENCRYPTED: image img-005 is encrypted and cannot be shared")
        .contains("tenant globex-north is told: image img-003 does not exist")
        .contains("tenant acme-north is told: image img-003 does not exist")
        .contains("images shared with globex-north: 0")
        .contains("acme-north now sees 1 image(s) of its own");
  }

  @Test
  void marketplace_example_charges_after_the_price_is_accepted() throws Exception {
    String out = output(MarketplaceExample::main);
    assertThat(out)
        .contains("publishes LAMP stack [img-001] as MARKET at 0.12 USD per hour")
        .contains("USE_MARKET_TERMS: image img-001 is a paid market image")
        .contains("charge: IMAGE_FEE 0.12 USD per hour")
        .contains("charge: SERVER_FEE 0.08 USD per hour")
        .contains("plan: SERVER with disks [SYSTEM 40 GiB]")
        .contains("image img-001 does not exist");
  }

  @Test
  void retirement_example_moves_latest_warns_then_refuses() throws Exception {
    String out = output(RetirementExample::main);
    assertThat(out)
        .contains("globex-north resolves acme-north/web to web v1 [img-001]")
        .contains("globex-north now resolves acme-north/web to web v2 [img-002]")
        .contains("before 2026-12-09T09:00:00Z, globex-north lists [web v2, web v1]")
        .contains("at 2026-12-09T09:00:00Z, globex-north lists [web v2] and, asking for"
            + " deprecated images too, [web v2, web v1]")
        .contains("with a notice: USE_DEPRECATED: image img-001 is deprecated since"
            + " 2026-12-09T09:00:00Z and becomes obsolete at 2027-01-08T09:00:00Z; use image"
            + " img-002 instead")
        .contains("USE_OBSOLETE: image img-001 is obsolete since 2027-01-08T09:00:00Z; use image"
            + " img-002 instead")
        .contains("globex-north resolves acme-north/web to web v2 [img-002]");
  }

  @Test
  void custom_rule_example_denies_a_share_outside_the_organization() throws Exception {
    String out = output(CustomRuleExample::main);
    assertThat(out)
        .contains("(same organization): added [acme-labs-north]")
        .contains("ORG_SHARE_ONLY: tenant globex-north belongs to another organization")
        .contains("CREATE_QUOTA: the owner already has 2 private images in the region;"
            + " the quota is 2");
  }

  @Test
  void custom_store_example_counts_what_the_store_is_asked() throws Exception {
    String out = output(CustomStoreExample::main);
    assertThat(out)
        .contains("saved img-001 v1 (QUEUED) with events [CREATED]")
        .contains("saved img-001 v2 (ACTIVE) with events [STATUS_CHANGED]")
        .contains("saved img-001 v3 (ACTIVE) with events [MEMBER_ADDED]")
        .contains("The store saw 2 loads, 3 saves and 2 queries; the event log holds 3 events.");
  }
}
