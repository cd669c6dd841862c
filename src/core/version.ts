/** Engine version stored with every run; bump when results for a seed change. */
export const ENGINE_VERSION = "0.3.0";
