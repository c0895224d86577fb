//! Anders Brownworth's classic demo chains, hashed the way his pages hash them, with their documented quirks.
