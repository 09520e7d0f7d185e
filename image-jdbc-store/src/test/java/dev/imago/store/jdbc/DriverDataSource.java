package dev.imago.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** A data source without a pool: a new connection from the driver for every call. */
final class DriverDataSource extends AbstractDataSource {
  private final String url;
  private final Properties properties;

  DriverDataSource(String url, Properties properties) {
    this.url = url;
    this.properties = properties;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return DriverManager.getConnection(url, properties);
  }
}
