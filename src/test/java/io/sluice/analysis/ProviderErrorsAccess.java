package io.sluice.analysis;

import software.amazon.awssdk.core.exception.SdkException;

/** Lets tests of other packages read how a provider error is worded. */
public final class ProviderErrorsAccess {
    private ProviderErrorsAccess() {
    }

    public static String describe(String what, SdkException e) {
        return ProviderErrors.describe(what, e);
    }
}
