package io.sluice.analysis.judge;

/** The alternative hypothesis of a test, from the canary's side: greater means the canary is higher. */
enum Alternative {
    GREATER,
    LESS,
    TWO_SIDED;

    static Alternative of(Direction direction) {
        return switch (direction) {
            case INCREASE -> GREATER;
            case DECREASE -> LESS;
            case EITHER -> TWO_SIDED;
        };
    }
}
