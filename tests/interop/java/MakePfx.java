// SPDX-License-Identifier: MIT
// Writes a PKCS#12 file with a Java provider, so the tests load PFX files that Java made.
// Usage: java -cp bcprov.jar:. MakePfx PROVIDER STORETYPE KEY.pk8.der OUT.p12 PASSWORD CERT.der...
//   PROVIDER: "BC" (BouncyCastle, writes BER with indefinite lengths) or "SUN" (the JDK's own).
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;

public final class MakePfx {
  public static void main(String[] args) throws Exception {
    String provider = args[0];
    String storeType = args[1];
    byte[] keyDer = Files.readAllBytes(Paths.get(args[2]));
    char[] password = args[4].toCharArray();
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    Certificate[] chain = new Certificate[args.length - 5];
    for (int i = 5; i < args.length; ++i) {
      chain[i - 5] = cf.generateCertificate(Files.newInputStream(Paths.get(args[i])));
    }
    String algorithm = chain[0].getPublicKey().getAlgorithm();
    PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(keyDer));
    KeyStore store;
    if (provider.equals("BC")) {
      Security.addProvider((java.security.Provider) Class.forName(
          "org.bouncycastle.jce.provider.BouncyCastleProvider").getDeclaredConstructor().newInstance());
      store = KeyStore.getInstance(storeType, "BC");
    } else {
      store = KeyStore.getInstance(storeType);
    }
    store.load(null, null);
    store.setKeyEntry("sip", key, password, chain);
    try (FileOutputStream out = new FileOutputStream(args[3])) {
      store.store(out, password);
    }
  }
}
