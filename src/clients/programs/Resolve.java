// dnsorder probe program for the JDK: "inetaddress" (InetAddress.getAllByName,
// libc getaddrinfo underneath) or "jndi URL" (the JNDI DNS provider,
// com.sun.jndi.dns.DnsContextFactory, against dns://host:port). Same line
// protocol as resolve.c; "--version" prints java.version.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

public class Resolve {
  static String quote(String s) {
    if (s == null) return "null";
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20 || c >= 0x7f) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  static String result(List<String> addresses, String canonical, String code, String text) {
    StringBuilder b = new StringBuilder("{\"addresses\":[");
    for (int i = 0; i < addresses.size(); i++) b.append(i > 0 ? "," : "").append(quote(addresses.get(i)));
    b.append("],\"canonical\":").append(quote(canonical)).append(",\"error\":");
    b.append(code == null ? "null" : "{\"code\":" + quote(code) + ",\"text\":" + quote(text) + "}");
    return b.append('}').toString();
  }

  static String viaInetAddress(String qtype, String name) {
    List<String> out = new ArrayList<>();
    try {
      for (InetAddress a : InetAddress.getAllByName(name)) {
        // AF_UNSPEC underneath when IPv6 is enabled: keep only the family asked for.
        boolean want = qtype.equals("AAAA") ? a instanceof Inet6Address : a instanceof Inet4Address;
        if (want) out.add(a.getHostAddress().replaceAll("%.*$", ""));
      }
      return result(out, null, null, null);
    } catch (Exception e) {
      return result(out, null, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
    }
  }

  static String viaJndi(DirContext ctx, String qtype, String name) {
    List<String> out = new ArrayList<>();
    try {
      Attributes attrs = ctx.getAttributes(name + ".", new String[] {qtype});
      Attribute attr = attrs.get(qtype);
      if (attr != null) {
        NamingEnumeration<?> values = attr.getAll();
        while (values.hasMore()) out.add(String.valueOf(values.next()));
      }
      return result(out, null, null, null);
    } catch (Exception e) {
      return result(out, null, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--version")) {
      System.out.println("java " + System.getProperty("java.version"));
      return;
    }
    DirContext ctx = null;
    if (args[0].equals("jndi")) {
      Hashtable<String, String> env = new Hashtable<>();
      env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
      env.put(Context.PROVIDER_URL, args[1]);
      env.put("com.sun.jndi.dns.timeout.initial", "2000");
      env.put("com.sun.jndi.dns.timeout.retries", "1");
      ctx = new InitialDirContext(env);
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    String line;
    while ((line = in.readLine()) != null) {
      String[] f = line.trim().split("\\s+");
      String out;
      if (f.length != 2) out = result(new ArrayList<>(), null, "BAD_REQUEST", line);
      else out = ctx == null ? viaInetAddress(f[0], f[1]) : viaJndi(ctx, f[0], f[1]);
      System.out.println(out);
      System.out.flush();
    }
  }
}
