package engine

// Models that live in their own packages register themselves when imported.
import _ "mc/model/aiglobal2"
