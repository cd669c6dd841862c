import { z } from "zod";

/**
 * Parameters of Epstein's civil-violence Model I (J. M. Epstein, "Modeling civil
 * violence: an agent-based computational approach", PNAS 99 suppl. 3, 7243-7250,
 * 2002). Defaults are those of Mesa's example
 * (projectmesa/mesa, mesa/examples/advanced/epstein_civil_violence/model.py,
 * `EpsteinCivilViolence.__init__`), which are in turn Epstein's Run 1 settings.
 * NetLogo's Rebellion model (Wilensky 2004) ships copDensity 0.04,
 * maxJailTerm 30 and legitimacy 0.82 instead.
 */
export const epsteinParams = z
  .strictObject({
    width: z
      .number()
      .int()
      .min(3)
      .max(20000)
      .default(40)
      .describe("Grid width in cells, a torus (default 40; source: Mesa example / Epstein 2002)"),
    height: z
      .number()
      .int()
      .min(3)
      .max(20000)
      .default(40)
      .describe("Grid height in cells, a torus (default 40; source: Mesa example / Epstein 2002)"),
    citizenDensity: z
      .number()
      .min(0)
      .max(1)
      .default(0.7)
      .describe(
        "Probability that a cell without a cop starts with a citizen, i.e. the share of cells " +
          "holding citizens (default 0.7; source: Mesa example / Epstein 2002)",
      ),
    copDensity: z
      .number()
      .min(0)
      .max(1)
      .default(0.074)
      .describe(
        "Probability that a cell starts with a cop (default 0.074; source: Mesa example / " +
          "Epstein 2002; NetLogo Rebellion uses 0.04)",
      ),
    citizenVision: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(7)
      .describe(
        "Citizens see cells at von Neumann distance |dx|+|dy| <= vision, own cell excluded " +
          "(default 7; source: Mesa example / Epstein 2002)",
      ),
    copVision: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(7)
      .describe(
        "Cops see cells at von Neumann distance |dx|+|dy| <= vision, own cell excluded " +
          "(default 7; source: Mesa example / Epstein 2002)",
      ),
    legitimacy: z
      .number()
      .min(0)
      .max(1)
      .default(0.8)
      .describe(
        "L, the regime legitimacy every citizen perceives; grievance G = H(1 - L) " +
          "(default 0.8; source: Mesa example / Epstein 2002; NetLogo Rebellion uses 0.82)",
      ),
    activeThreshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .describe(
        "T: a citizen is active when G - R*P > T (default 0.1; source: Mesa example / " +
          "Epstein 2002)",
      ),
    arrestProbConstant: z
      .number()
      .min(0)
      .max(100)
      .default(2.3)
      .describe(
        "k in P = 1 - exp(-k round(C/A)), the estimated arrest probability " +
          "(default 2.3; source: Mesa example / Epstein 2002)",
      ),
    maxJailTerm: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .default(1000)
      .describe(
        "Jmax: an arrested citizen's jail term is uniform on 0..Jmax inclusive " +
          "(default 1000; source: Mesa example / Epstein 2002; NetLogo Rebellion uses 30)",
      ),
    movement: z
      .boolean()
      .default(true)
      .describe(
        "Whether citizens and cops move to a random empty cell in vision after acting " +
          "(default true; source: Mesa example / Epstein 2002)",
      ),
  })
  .refine((p) => p.citizenDensity + p.copDensity <= 1, {
    message: "citizenDensity + copDensity must be at most 1 (they share the grid's cells)",
    path: ["citizenDensity"],
  })
  .describe("Epstein's civil-violence Model I (PNAS 2002), as in Mesa's epstein_civil_violence");

export type EpsteinParams = z.infer<typeof epsteinParams>;

/** All defaults, i.e. Mesa's example settings. */
export function defaultEpsteinParams(overrides: Partial<EpsteinParams> = {}): EpsteinParams {
  return epsteinParams.parse(overrides);
}
