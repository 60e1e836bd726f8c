namespace Workbench.Disclosure.Audit;

/// <summary>
/// The attacker's model of one study: every published number is a whole-number quantity with the bounds a reader can
/// read off (a rounded count, "x", "&lt;10", a share's unknown numerator and denominator), tied together by the additivity
/// of each table, by margins that tables share, and by shares of a whole. <see cref="Solve"/> narrows every quantity
/// as far as linear programming and integrality allow.
/// </summary>
/// <remarks>
/// Bounds come from the simplex of <see cref="RangeLp"/> (the minimum and maximum of each quantity over the linear
/// relaxation), alternated with integer propagation of shares: a share s of an unknown whole D names an unknown part N
/// with |N - s D| ≤ tol D, and only the whole numbers D in range for which every part has a whole-number value survive
/// (this is how 0.2727... of a total published as 20, i.e. 18 to 22, pins the total to 22 and the part to 6).
/// Quantities that are published, not linked and not in a share stay constants (their interval enters each line), so a
/// large table costs one small LP per group of linked suppressed cells, as in <see cref="SuppressionAudit"/>.
/// </remarks>
internal sealed class AttackModel
{
    public const long Unbounded = long.MaxValue;

    /// <summary>A number a reader can reason about; members are the published places it appears.</summary>
    internal sealed class Quantity
    {
        public long Lo;
        public long Hi = Unbounded;
        public bool Suppressed;
        public bool Derived; // a part or whole behind a share, not itself published as a count
        public readonly List<(string Page, string Element, string Cell, bool Suppressed)> Places = [];
    }

    private readonly List<Quantity> _quantities = [];
    private readonly List<(List<(int Q, double A)> Terms, double Lower, double Upper)> _linear = [];
    private readonly List<(int Whole, List<(int Part, double Share, double Tol)> Parts)> _shares = [];
    private int[] _parent = [];

    public IReadOnlyList<Quantity> Quantities => _quantities;

    public int Add(long lo, long hi, string page, string element, string cell, bool suppressed = false, bool derived = false)
    {
        var q = new Quantity { Lo = lo, Hi = hi, Suppressed = suppressed, Derived = derived };
        q.Places.Add((page, element, cell, suppressed));
        _quantities.Add(q);
        return _quantities.Count - 1;
    }

    /// <summary>Declares that two published places show the same number (a shared margin, a chart bar of a table cell).</summary>
    public void Same(int a, int b) => _links.Add((a, b));

    private readonly List<(int A, int B)> _links = [];

    /// <summary>Σ coefficient · quantity = 0 (a table line: entries minus their total).</summary>
    public void Sum(IReadOnlyList<(int Q, double A)> terms) => _linear.Add((terms.ToList(), 0, 0));

    /// <summary>The parts of a whole with their published shares (tolerance: half a unit of the last published digit).</summary>
    public void Shares(int whole, IReadOnlyList<(int Part, double Share, double Tol)> parts)
    {
        _shares.Add((whole, parts.ToList()));
        _linear.Add((parts.Select(p => (p.Part, 1.0)).Append((whole, -1.0)).ToList(), 0, 0));
    }

    private int Find(int x)
    {
        while (_parent[x] != x) x = _parent[x] = _parent[_parent[x]];
        return x;
    }

    /// <summary>Merges linked places, then narrows every quantity; returns the representative of each original quantity.</summary>
    public int[] Solve(List<string> notes, int width)
    {
        _parent = Enumerable.Range(0, _quantities.Count).ToArray();
        foreach (var (a, b) in _links) _parent[Find(a)] = Find(b);
        var rep = Enumerable.Range(0, _quantities.Count).Select(Find).ToArray();
        var linked = new bool[_quantities.Count];
        for (var i = 0; i < _quantities.Count; i++)
        {
            var r = rep[i];
            if (r == i) continue;
            var (q, root) = (_quantities[i], _quantities[r]);
            root.Lo = Math.Max(root.Lo, q.Lo);
            root.Hi = Math.Min(root.Hi, q.Hi);
            root.Suppressed |= q.Suppressed;
            root.Places.AddRange(q.Places);
            linked[r] = true;
        }
        var inShare = new bool[_quantities.Count];
        foreach (var (whole, parts) in _shares)
        {
            inShare[rep[whole]] = true;
            foreach (var p in parts) inShare[rep[p.Part]] = true;
        }
        bool IsVariable(int r) => _quantities[r].Suppressed || linked[r] || inShare[r] || _quantities[r].Derived;

        // each constraint over the variables only; constants enter through their interval
        var constraints = new List<(List<(int Q, double A)> Terms, double Lower, double Upper)>();
        foreach (var (terms, lower, upper) in _linear)
        {
            var vars = new Dictionary<int, double>();
            double lo = lower, hi = upper;
            foreach (var (q0, a) in terms)
            {
                var r = rep[q0];
                if (IsVariable(r))
                {
                    vars[r] = vars.GetValueOrDefault(r) + a;
                    continue;
                }
                var c = _quantities[r];
                var cHi = c.Hi == Unbounded ? double.PositiveInfinity : c.Hi;
                // Σ vars = bound - a·c over c in [Lo, Hi]
                if (a > 0) { lo -= a * cHi; hi -= a * c.Lo; }
                else { lo -= a * c.Lo; hi -= a * cHi; }
            }
            var kept = vars.Where(v => v.Value != 0).Select(v => (v.Key, v.Value)).ToList();
            if (kept.Count > 0) constraints.Add((kept, lo, hi));
        }
        var shares = _shares.Select(s => (Whole: rep[s.Whole], Parts: s.Parts.Select(p => (Part: rep[p.Part], p.Share, p.Tol)).ToList())).ToList();

        foreach (var component in Components(constraints, shares))
            SolveComponent(component, constraints, shares, notes, width);
        return rep;
    }

    private List<List<int>> Components(List<(List<(int Q, double A)> Terms, double Lower, double Upper)> constraints,
        List<(int Whole, List<(int Part, double Share, double Tol)> Parts)> shares)
    {
        var parent = Enumerable.Range(0, _quantities.Count).ToArray();
        int F(int x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        var used = new HashSet<int>();
        foreach (var (terms, _, _) in constraints)
            foreach (var (q, _) in terms) { used.Add(q); parent[F(q)] = F(terms[0].Q); }
        foreach (var (whole, parts) in shares)
            foreach (var p in parts) { used.Add(p.Part); used.Add(whole); parent[F(p.Part)] = F(whole); }
        return used.GroupBy(F).Select(g => g.OrderBy(x => x).ToList()).ToList();
    }

    private void SolveComponent(List<int> component, List<(List<(int Q, double A)> Terms, double Lower, double Upper)> allConstraints,
        List<(int Whole, List<(int Part, double Share, double Tol)> Parts)> allShares, List<string> notes, int width)
    {
        var local = new Dictionary<int, int>();
        for (var i = 0; i < component.Count; i++) local[component[i]] = i;
        var constraints = allConstraints.Where(c => local.ContainsKey(c.Terms[0].Q)).ToList();
        var shares = allShares.Where(s => local.ContainsKey(s.Whole)).ToList();
        for (var round = 0; round < 12; round++)
        {
            var before = component.Select(q => (_quantities[q].Lo, _quantities[q].Hi)).ToArray();
            bool feasible;
            try { feasible = NarrowByLp(component, local, constraints, shares, width); }
            catch (InvalidOperationException ex)
            {
                notes.Add($"the group around '{_quantities[component[0]].Places[0].Element}' was not audited: {ex.Message}");
                return;
            }
            if (!feasible)
            {
                notes.Add($"published figures around '{_quantities[component[0]].Places[0].Element}' contradict each other; that group was not audited");
                return;
            }
            if (!NarrowByIntegers(shares))
            {
                notes.Add($"shares around '{_quantities[component[0]].Places[0].Element}' have no whole-number solution; that group was not audited");
                return;
            }
            if (shares.Count == 0 || component.Select(q => (_quantities[q].Lo, _quantities[q].Hi)).SequenceEqual(before)) return;
        }
    }

    /// <summary>
    /// Tightens each quantity to its minimum and maximum over the linear relaxation; false when infeasible. Every
    /// solution the simplex visits is feasible, so a quantity outside the shares already seen at two values at least
    /// <paramref name="width"/> apart cannot be exposed and needs no LP of its own (its bounds stay as they were).
    /// </summary>
    private bool NarrowByLp(List<int> component, Dictionary<int, int> local, List<(List<(int Q, double A)> Terms, double Lower, double Upper)> constraints,
        List<(int Whole, List<(int Part, double Share, double Tol)> Parts)> shares, int width)
    {
        var n = component.Count;
        var lo = component.Select(q => (double)_quantities[q].Lo).ToArray();
        var equations = new List<(IReadOnlyList<(int Var, double Coef)> Terms, double Rhs)>();
        var next = n;
        for (var i = 0; i < n; i++)
        {
            var q = _quantities[component[i]];
            if (q.Hi != Unbounded) equations.Add(([(i, 1.0), (next++, 1.0)], q.Hi - q.Lo));
        }
        foreach (var (terms, lower, upper) in constraints)
        {
            var zTerms = terms.Select(t => (local[t.Q], t.A)).ToList();
            var shift = terms.Sum(t => t.A * lo[local[t.Q]]);
            var (l, u) = (lower - shift, upper - shift);
            if (l == u) equations.Add((zTerms, l));
            else if (double.IsNegativeInfinity(l) && double.IsPositiveInfinity(u)) continue;
            else if (double.IsNegativeInfinity(l)) equations.Add((zTerms.Append((next++, 1.0)).ToList(), u));
            else if (double.IsPositiveInfinity(u)) equations.Add((zTerms.Append((next++, -1.0)).ToList(), l));
            else
            {
                // l ≤ Σ ≤ u as two rows with a slack of their own each, so that RangeLp can start from the slacks
                equations.Add((zTerms.Append((next++, 1.0)).ToList(), u));
                equations.Add((zTerms.Append((next++, -1.0)).ToList(), l));
            }
        }
        foreach (var (whole, parts) in shares)
        {
            var w = local[whole];
            foreach (var (part, share, tol) in parts)
            {
                var p = local[part];
                if (double.IsNaN(share)) continue; // a part with no published share (suppressed): only in the sum
                // part ≤ (share + tol) · whole and part ≥ (share - tol) · whole, shifted to z = x - lo
                equations.Add(([(p, 1.0), (w, -(share + tol)), (next++, 1.0)], -(lo[p] - (share + tol) * lo[w])));
                equations.Add(([(p, 1.0), (w, -(share - tol)), (next++, -1.0)], -(lo[p] - (share - tol) * lo[w])));
            }
        }
        var lp = RangeLp.Create(next, equations);
        if (lp is null) return false;
        var exact = new bool[n];
        foreach (var (whole, parts) in shares)
        {
            exact[local[whole]] = true;
            foreach (var p in parts) exact[local[p.Part]] = true;
        }
        var seenLo = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        var seenHi = Enumerable.Repeat(double.NegativeInfinity, n).ToArray();
        var solution = new double[n];
        void See()
        {
            lp.CopySolution(solution);
            for (var i = 0; i < n; i++)
            {
                seenLo[i] = Math.Min(seenLo[i], solution[i]);
                seenHi[i] = Math.Max(seenHi[i], solution[i]);
            }
        }
        bool WideEnough(int i) => !exact[i] && Math.Floor(seenHi[i] + 1e-6) - Math.Ceiling(seenLo[i] - 1e-6) >= width;
        See();
        // a few optimisations of seeded random objectives over the quantities still open move many at once (as in
        // SuppressionAudit), so that typically only the exposed ones need their own minimum and maximum
        var rng = new Random(n);
        for (var round = 0; round < 6; round++)
        {
            var open = Enumerable.Range(0, n).Where(i => !exact[i] && !WideEnough(i)).ToList();
            if (open.Count < 8) break;
            var cost = new double[n];
            foreach (var i in open) cost[i] = (round % 2 == 0 ? 1 : -1) * (0.5 + rng.NextDouble());
            lp.Optimize(cost); // unbounded or not, the basis it stops at is feasible
            See();
        }
        for (var i = 0; i < n; i++)
        {
            if (WideEnough(i)) continue;
            var q = _quantities[component[i]];
            var max = lp.Max(i);
            See();
            if (WideEnough(i)) continue;
            var min = lp.Min(i);
            See();
            if (WideEnough(i)) continue;
            if (!double.IsPositiveInfinity(max)) q.Hi = Math.Min(q.Hi, q.Lo + (long)Math.Floor(max + 1e-6));
            q.Lo = Math.Max(q.Lo, (long)Math.Ceiling(lo[i] + min - 1e-6));
        }
        return component.All(q => _quantities[q].Lo <= _quantities[q].Hi);
    }

    /// <summary>Keeps only the wholes for which every part has a whole-number value; false when none is left.</summary>
    private bool NarrowByIntegers(List<(int Whole, List<(int Part, double Share, double Tol)> Parts)> shares)
    {
        foreach (var (whole, parts) in shares)
        {
            var w = _quantities[whole];
            if (w.Hi == Unbounded || w.Hi - w.Lo > 200_000) continue;
            long dLo = long.MaxValue, dHi = long.MinValue;
            var pLo = parts.Select(_ => long.MaxValue).ToArray();
            var pHi = parts.Select(_ => long.MinValue).ToArray();
            for (var d = w.Lo; d <= w.Hi; d++)
            {
                var ok = true;
                long sumLo = 0, sumHi = 0;
                var lows = new long[parts.Count];
                var highs = new long[parts.Count];
                for (var k = 0; k < parts.Count && ok; k++)
                {
                    var (part, share, tol) = parts[k];
                    var q = _quantities[part];
                    var a = double.IsNaN(share) ? q.Lo : Math.Max(q.Lo, (long)Math.Ceiling((share - tol) * d - 1e-9));
                    var b = double.IsNaN(share) ? Math.Min(q.Hi, d) : Math.Min(q.Hi, (long)Math.Floor((share + tol) * d + 1e-9));
                    if (a > b) ok = false;
                    (lows[k], highs[k]) = (a, b);
                    sumLo += a;
                    sumHi = b == Unbounded || sumHi == Unbounded ? Unbounded : sumHi + b;
                }
                if (!ok || sumLo > d || sumHi < d) continue;
                dLo = Math.Min(dLo, d);
                dHi = Math.Max(dHi, d);
                for (var k = 0; k < parts.Count; k++)
                {
                    pLo[k] = Math.Min(pLo[k], lows[k]);
                    pHi[k] = Math.Max(pHi[k], highs[k]);
                }
            }
            if (dLo > dHi) return false;
            (w.Lo, w.Hi) = (dLo, dHi);
            for (var k = 0; k < parts.Count; k++)
            {
                var q = _quantities[parts[k].Part];
                q.Lo = Math.Max(q.Lo, pLo[k]);
                q.Hi = Math.Min(q.Hi, pHi[k]);
            }
        }
        return true;
    }
}
