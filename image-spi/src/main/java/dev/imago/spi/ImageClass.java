package dev.imago.spi;

/** The class of an image, which decides who sees it. SHARED is not a class: it is how a PRIVATE image looks to a member tenant. */
public enum ImageClass {
  /** A platform image (Ubuntu, CentOS, Debian...), registered by the platform operator and visible to every tenant of its region. */
  PUBLIC,
  /** A tenant's own image, visible to its owner and to the members it is shared with. */
  PRIVATE,
  /** A private image its owner published to the marketplace, visible to every tenant of its region. */
  MARKET;
}
