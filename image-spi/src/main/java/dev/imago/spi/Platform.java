package dev.imago.spi;

/** The distribution or product of an image's operating system. */
public enum Platform {
  /** Ubuntu. */
  UBUNTU,
  /** Debian. */
  DEBIAN,
  /** CentOS. */
  CENTOS,
  /** Rocky Linux. */
  ROCKY,
  /** AlmaLinux. */
  ALMALINUX,
  /** Red Hat Enterprise Linux. */
  RHEL,
  /** SUSE Linux Enterprise. */
  SUSE,
  /** openSUSE. */
  OPENSUSE,
  /** Fedora. */
  FEDORA,
  /** Oracle Linux. */
  ORACLE_LINUX,
  /** EulerOS. */
  EULEROS,
  /** openEuler. */
  OPENEULER,
  /** Huawei Cloud EulerOS. */
  HCE_OS,
  /** Windows Server. */
  WINDOWS,
  /** Any other platform. */
  OTHER;
}
