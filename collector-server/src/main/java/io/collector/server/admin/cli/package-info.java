/**
 * The command-line client of the admin API ({@code bin/admin.sh}, {@link
 * io.collector.server.admin.cli.AdminCli}): parses arguments, calls the endpoint over HTTP and prints tables or
 * JSON. It talks to a server only through HTTP, so it imports no other server package (Jackson and the JDK's
 * HTTP client only).
 */
package io.collector.server.admin.cli;
