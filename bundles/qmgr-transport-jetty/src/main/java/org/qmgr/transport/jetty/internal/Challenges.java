package org.qmgr.transport.jetty.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.client.Authentication;
import org.eclipse.jetty.client.Authentication.HeaderInfo;
import org.eclipse.jetty.client.BasicAuthentication;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.DigestAuthentication;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Attributes;
import org.qmgr.spi.transport.Credentials;

/**
 * Answers a server's {@code 401} challenge (Digest preferred, else Basic) with the request's credentials
 * (spec P4). Credentials are never sent before a challenge, only on the retry of the challenged request, and
 * only when the challenger is the original URL's host (an {@code https} original is never answered over
 * plain {@code http}), so a redirect cannot harvest them for a third party.
 */
final class Challenges {

    private final ChallengeParser parser;

    Challenges(HttpClient client) {
        this.parser = new ChallengeParser(client);
    }

    /**
     * @param original    the URL the engine asked for
     * @param challenged  the URL that answered 401
     * @param sent        the request that was challenged
     * @param response    the 401 response
     * @param credentials what to answer with
     * @return how to authorize the retry, or {@code null} when the challenge is not to be (or cannot be) answered
     */
    Authentication.Result answer(URI original, URI challenged, Request sent, Response response,
                                 Credentials credentials) {
        if (!mayAnswer(original, challenged)) {
            return null;
        }
        HeaderInfo chosen = null;
        for (HeaderInfo info : challenges(response)) {
            if ("digest".equalsIgnoreCase(info.getType())) {
                chosen = info;
                break;
            }
            if ("basic".equalsIgnoreCase(info.getType()) && chosen == null) {
                chosen = info;
            }
        }
        if (chosen == null) {
            return null;
        }
        Authentication authentication = "digest".equalsIgnoreCase(chosen.getType())
                ? new DigestAuthentication(challenged, Authentication.ANY_REALM, credentials.user(),
                        credentials.password())
                : new BasicAuthentication(challenged, Authentication.ANY_REALM, credentials.user(),
                        credentials.password());
        ContentResponse withoutBody = ContentResponse.from(response, new byte[0], null, null);
        return authentication.authenticate(sent, withoutBody, chosen, new Attributes.Mapped());
    }

    static boolean mayAnswer(URI original, URI challenged) {
        boolean sameHost = original.getHost().equalsIgnoreCase(challenged.getHost());
        boolean downgrade = "https".equalsIgnoreCase(original.getScheme())
                && !"https".equalsIgnoreCase(challenged.getScheme());
        return sameHost && !downgrade;
    }

    private List<HeaderInfo> challenges(Response response) {
        List<HeaderInfo> infos = new ArrayList<>();
        for (String value : response.getHeaders().getValuesList(HttpHeader.WWW_AUTHENTICATE)) {
            try {
                infos.addAll(parser.parse(value));
            } catch (IllegalArgumentException malformed) {
                // a challenge we cannot parse is one we cannot answer; the 401 is reported as is
            }
        }
        return infos;
    }

    /** Reuses Jetty's RFC 7235 challenge parser; never registered as a protocol handler. */
    private static final class ChallengeParser extends WWWAuthenticationProtocolHandler {
        ChallengeParser(HttpClient client) {
            super(client);
        }

        List<HeaderInfo> parse(String header) {
            return getHeaderInfo(header);
        }
    }
}
