;; Philox4x32-10 batch fill and gather (Salmon et al., SC'11; Random123 philox.h).
;;
;; fill(k0, k1, start, count, c1, c2, c3, outPtr) writes, for j = 0..count-1,
;; the block of counter [(start + j) mod 2^32, c1, c2, c3] under key (k0, k1)
;; as four little-endian u32 words at outPtr + 16*j. It is the WebAssembly twin
;; of philox4x32Fill in philox4x32.ts and must match it word for word.
;;
;; Each round: (hi0, lo0) = M0 * x0, (hi1, lo1) = M1 * x2 (full 64-bit products
;; of unsigned 32-bit words, one i64.mul each), then
;;   [x0, x1, x2, x3] = [hi1 ^ x1 ^ key0, lo1, hi0 ^ x3 ^ key1, lo0]
;; and the key is bumped by the Weyl constants (W0, W1) before the next round.
;; The ten round keys are computed once per call; the rounds are unrolled.
;; Only x0 varies between blocks, so the M1 half of round 1 (which reads only
;; c1, c2 and the key) and, in turn, the M0 half of round 2 are hoisted out of
;; the loop: 18 multiplications per block instead of 20.
;;
;; Compiled to base64 in philox4x32-wasm.generated.ts by scripts/build-wasm.mjs.
(module
  (memory (export "memory") 1)

  (func (export "fill")
    (param $k0 i32) (param $k1 i32) (param $start i32) (param $count i32)
    (param $c1 i32) (param $c2 i32) (param $c3 i32) (param $outPtr i32)
    ;; round keys: $aR = k0 + R*W0, $bR = k1 + R*W1 (mod 2^32)
    (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $a4 i32) (local $a5 i32)
    (local $a6 i32) (local $a7 i32) (local $a8 i32) (local $a9 i32)
    (local $b1 i32) (local $b2 i32) (local $b3 i32) (local $b4 i32) (local $b5 i32)
    (local $b6 i32) (local $b7 i32) (local $b8 i32) (local $b9 i32)
    ;; loop-invariant parts of rounds 1 and 2 (see below)
    (local $r1x2 i32) (local $r2x0 i32) (local $r2x2 i32) (local $r2x3 i32)
    (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32)
    (local $p0 i64) (local $p1 i64)
    (local $ctr i32) (local $ptr i32) (local $end i32)

    (if (i32.le_s (local.get $count) (i32.const 0)) (then (return)))

    (local.set $a1 (i32.add (local.get $k0) (i32.const 0x9E3779B9)))
    (local.set $a2 (i32.add (local.get $a1) (i32.const 0x9E3779B9)))
    (local.set $a3 (i32.add (local.get $a2) (i32.const 0x9E3779B9)))
    (local.set $a4 (i32.add (local.get $a3) (i32.const 0x9E3779B9)))
    (local.set $a5 (i32.add (local.get $a4) (i32.const 0x9E3779B9)))
    (local.set $a6 (i32.add (local.get $a5) (i32.const 0x9E3779B9)))
    (local.set $a7 (i32.add (local.get $a6) (i32.const 0x9E3779B9)))
    (local.set $a8 (i32.add (local.get $a7) (i32.const 0x9E3779B9)))
    (local.set $a9 (i32.add (local.get $a8) (i32.const 0x9E3779B9)))
    (local.set $b1 (i32.add (local.get $k1) (i32.const 0xBB67AE85)))
    (local.set $b2 (i32.add (local.get $b1) (i32.const 0xBB67AE85)))
    (local.set $b3 (i32.add (local.get $b2) (i32.const 0xBB67AE85)))
    (local.set $b4 (i32.add (local.get $b3) (i32.const 0xBB67AE85)))
    (local.set $b5 (i32.add (local.get $b4) (i32.const 0xBB67AE85)))
    (local.set $b6 (i32.add (local.get $b5) (i32.const 0xBB67AE85)))
    (local.set $b7 (i32.add (local.get $b6) (i32.const 0xBB67AE85)))
    (local.set $b8 (i32.add (local.get $b7) (i32.const 0xBB67AE85)))
    (local.set $b9 (i32.add (local.get $b8) (i32.const 0xBB67AE85)))

    ;; Round 1 after the block-invariant M1 half: x0 = hi(M1*c2) ^ c1 ^ k0,
    ;; x1 = lo(M1*c2); x2 = hi(M0*ctr) ^ (c3 ^ k1) and x3 = lo(M0*ctr) vary.
    (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $c2)) (i64.const 0xCD9E8D57)))
    (local.set $r1x2 (i32.xor (local.get $c3) (local.get $k1)))
    ;; Round 2: its M0 half reads only round 1's invariant x0 = hi(p1) ^ c1 ^ k0.
    (local.set $p0
      (i64.mul
        (i64.extend_i32_u
          (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $c1))
            (local.get $k0)))
        (i64.const 0xD2511F53)))
    ;; x0 = hi1 ^ x1 ^ a1 with x1 = lo(M1*c2); x2 = hi0 ^ x3 ^ b1; x3 = lo0
    (local.set $r2x0 (i32.xor (i32.wrap_i64 (local.get $p1)) (local.get $a1)))
    (local.set $r2x2 (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $b1)))
    (local.set $r2x3 (i32.wrap_i64 (local.get $p0)))

    (local.set $ctr (local.get $start))
    (local.set $ptr (local.get $outPtr))
    (local.set $end (i32.add (local.get $outPtr) (i32.shl (local.get $count) (i32.const 4))))
    (loop $blocks
      ;; round 1: only the M0 half depends on the counter
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $ctr)) (i64.const 0xD2511F53)))
      ;; round 2: x0 is invariant after round 1, so only the M1 half remains
      (local.set $p1
        (i64.mul
          (i64.extend_i32_u
            (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $r1x2)))
          (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $r2x0)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.wrap_i64 (local.get $p0)) (local.get $r2x2)))
      (local.set $x3 (local.get $r2x3))
      ;; round 3
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const 0xD2511F53)))
      (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $a2)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $b2)))
      (local.set $x3 (i32.wrap_i64 (local.get $p0)))
      ;; round 4
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const 0xD2511F53)))
      (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $a3)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $b3)))
      (local.set $x3 (i32.wrap_i64 (local.get $p0)))
      ;; round 5
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const 0xD2511F53)))
      (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $a4)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $b4)))
      (local.set $x3 (i32.wrap_i64 (local.get $p0)))
      ;; round 6
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const 0xD2511F53)))
      (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $a5)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $b5)))
      (local.set $x3 (i32.wrap_i64 (local.get $p0)))
      ;; round 7
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const 0xD2511F53)))
      (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $a6)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $b6)))
      (local.set $x3 (i32.wrap_i64 (local.get $p0)))
      ;; round 8
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const 0xD2511F53)))
      (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $a7)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $b7)))
      (local.set $x3 (i32.wrap_i64 (local.get $p0)))
      ;; round 9
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const 0xD2511F53)))
      (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $a8)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $b8)))
      (local.set $x3 (i32.wrap_i64 (local.get $p0)))
      ;; round 10
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const 0xD2511F53)))
      (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $a9)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $b9)))
      (local.set $x3 (i32.wrap_i64 (local.get $p0)))
      (i32.store offset=0 (local.get $ptr) (local.get $x0))
      (i32.store offset=4 (local.get $ptr) (local.get $x1))
      (i32.store offset=8 (local.get $ptr) (local.get $x2))
      (i32.store offset=12 (local.get $ptr) (local.get $x3))
      (local.set $ctr (i32.add (local.get $ctr) (i32.const 1)))
      (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
      (br_if $blocks (i32.lt_u (local.get $ptr) (local.get $end)))
    )
  )

  ;; gather(k0, k1, idsPtr, count, c1, c2, c3, outPtr) is fill with the first
  ;; counter word read from memory instead of counted: for j = 0..count-1 it
  ;; writes the block of counter [u32 at idsPtr + 4*j, c1, c2, c3] at
  ;; outPtr + 16*j (the twin of philox4x32Gather). Only that word varies between
  ;; blocks here too, so the same round 1 and 2 hoisting applies. The body is
  ;; fill's, repeated rather than shared so that fill's code stays as it was.
  ;; The wrapper keeps the ids apart from the output: a block written over ids
  ;; not yet read would change them.
  (func (export "gather")
    (param $k0 i32) (param $k1 i32) (param $idsPtr i32) (param $count i32)
    (param $c1 i32) (param $c2 i32) (param $c3 i32) (param $outPtr i32)
    ;; round keys: $aR = k0 + R*W0, $bR = k1 + R*W1 (mod 2^32)
    (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $a4 i32) (local $a5 i32)
    (local $a6 i32) (local $a7 i32) (local $a8 i32) (local $a9 i32)
    (local $b1 i32) (local $b2 i32) (local $b3 i32) (local $b4 i32) (local $b5 i32)
    (local $b6 i32) (local $b7 i32) (local $b8 i32) (local $b9 i32)
    ;; loop-invariant parts of rounds 1 and 2 (see below)
    (local $r1x2 i32) (local $r2x0 i32) (local $r2x2 i32) (local $r2x3 i32)
    (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32)
    (local $p0 i64) (local $p1 i64)
    (local $ctr i32) (local $ids i32) (local $ptr i32) (local $end i32)

    (if (i32.le_s (local.get $count) (i32.const 0)) (then (return)))

    (local.set $a1 (i32.add (local.get $k0) (i32.const 0x9E3779B9)))
    (local.set $a2 (i32.add (local.get $a1) (i32.const 0x9E3779B9)))
    (local.set $a3 (i32.add (local.get $a2) (i32.const 0x9E3779B9)))
    (local.set $a4 (i32.add (local.get $a3) (i32.const 0x9E3779B9)))
    (local.set $a5 (i32.add (local.get $a4) (i32.const 0x9E3779B9)))
    (local.set $a6 (i32.add (local.get $a5) (i32.const 0x9E3779B9)))
    (local.set $a7 (i32.add (local.get $a6) (i32.const 0x9E3779B9)))
    (local.set $a8 (i32.add (local.get $a7) (i32.const 0x9E3779B9)))
    (local.set $a9 (i32.add (local.get $a8) (i32.const 0x9E3779B9)))
    (local.set $b1 (i32.add (local.get $k1) (i32.const 0xBB67AE85)))
    (local.set $b2 (i32.add (local.get $b1) (i32.const 0xBB67AE85)))
    (local.set $b3 (i32.add (local.get $b2) (i32.const 0xBB67AE85)))
    (local.set $b4 (i32.add (local.get $b3) (i32.const 0xBB67AE85)))
    (local.set $b5 (i32.add (local.get $b4) (i32.const 0xBB67AE85)))
    (local.set $b6 (i32.add (local.get $b5) (i32.const 0xBB67AE85)))
    (local.set $b7 (i32.add (local.get $b6) (i32.const 0xBB67AE85)))
    (local.set $b8 (i32.add (local.get $b7) (i32.const 0xBB67AE85)))
    (local.set $b9 (i32.add (local.get $b8) (i32.const 0xBB67AE85)))

    ;; Round 1 after the block-invariant M1 half: x0 = hi(M1*c2) ^ c1 ^ k0,
    ;; x1 = lo(M1*c2); x2 = hi(M0*ctr) ^ (c3 ^ k1) and x3 = lo(M0*ctr) vary.
    (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $c2)) (i64.const 0xCD9E8D57)))
    (local.set $r1x2 (i32.xor (local.get $c3) (local.get $k1)))
    ;; Round 2: its M0 half reads only round 1's invariant x0 = hi(p1) ^ c1 ^ k0.
    (local.set $p0
      (i64.mul
        (i64.extend_i32_u
          (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $c1))
            (local.get $k0)))
        (i64.const 0xD2511F53)))
    ;; x0 = hi1 ^ x1 ^ a1 with x1 = lo(M1*c2); x2 = hi0 ^ x3 ^ b1; x3 = lo0
    (local.set $r2x0 (i32.xor (i32.wrap_i64 (local.get $p1)) (local.get $a1)))
    (local.set $r2x2 (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $b1)))
    (local.set $r2x3 (i32.wrap_i64 (local.get $p0)))

    (local.set $ids (local.get $idsPtr))
    (local.set $ptr (local.get $outPtr))
    (local.set $end (i32.add (local.get $outPtr) (i32.shl (local.get $count) (i32.const 4))))
    (loop $blocks
      (local.set $ctr (i32.load (local.get $ids)))
      ;; round 1: only the M0 half depends on the counter
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $ctr)) (i64.const 0xD2511F53)))
      ;; round 2: x0 is invariant after round 1, so only the M1 half remains
      (local.set $p1
        (i64.mul
          (i64.extend_i32_u
            (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $r1x2)))
          (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $r2x0)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.wrap_i64 (local.get $p0)) (local.get $r2x2)))
      (local.set $x3 (local.get $r2x3))
      ;; round 3
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const 0xD2511F53)))
      (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $a2)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $b2)))
      (local.set $x3 (i32.wrap_i64 (local.get $p0)))
      ;; round 4
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const 0xD2511F53)))
      (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $a3)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $b3)))
      (local.set $x3 (i32.wrap_i64 (local.get $p0)))
      ;; round 5
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const 0xD2511F53)))
      (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $a4)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $b4)))
      (local.set $x3 (i32.wrap_i64 (local.get $p0)))
      ;; round 6
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const 0xD2511F53)))
      (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $a5)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $b5)))
      (local.set $x3 (i32.wrap_i64 (local.get $p0)))
      ;; round 7
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const 0xD2511F53)))
      (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $a6)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $b6)))
      (local.set $x3 (i32.wrap_i64 (local.get $p0)))
      ;; round 8
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const 0xD2511F53)))
      (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $a7)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $b7)))
      (local.set $x3 (i32.wrap_i64 (local.get $p0)))
      ;; round 9
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const 0xD2511F53)))
      (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $a8)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $b8)))
      (local.set $x3 (i32.wrap_i64 (local.get $p0)))
      ;; round 10
      (local.set $p0 (i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const 0xD2511F53)))
      (local.set $p1 (i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const 0xCD9E8D57)))
      (local.set $x0 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p1) (i64.const 32))) (local.get $x1)) (local.get $a9)))
      (local.set $x1 (i32.wrap_i64 (local.get $p1)))
      (local.set $x2 (i32.xor (i32.xor (i32.wrap_i64 (i64.shr_u (local.get $p0) (i64.const 32))) (local.get $x3)) (local.get $b9)))
      (local.set $x3 (i32.wrap_i64 (local.get $p0)))
      (i32.store offset=0 (local.get $ptr) (local.get $x0))
      (i32.store offset=4 (local.get $ptr) (local.get $x1))
      (i32.store offset=8 (local.get $ptr) (local.get $x2))
      (i32.store offset=12 (local.get $ptr) (local.get $x3))
      (local.set $ids (i32.add (local.get $ids) (i32.const 4)))
      (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
      (br_if $blocks (i32.lt_u (local.get $ptr) (local.get $end)))
    )
  )
)
