package engine

import (
	"fmt"
	"sort"
)

// Floating-point addition is not associative, so the order in which block
// states are merged decides the last bits of every sum. To make results
// independent of worker count and shard split, states are always merged along
// one fixed binary tree over the block indices: a node at level L and index i
// covers blocks [i·2^L, (i+1)·2^L) and is the merge of its two children. The
// whole run is the right-to-left fold of the maximal aligned nodes covering
// [0, blocks). A shard covering any block range [a, b) holds the maximal
// aligned nodes of its range, and the merge rebuilds exactly the same tree.

// Mergeable is an accumulated state: Merge adds the state of the blocks that
// follow it.
type Mergeable[S any] interface {
	Merge(next S) error
}

// Node is the state of the aligned block range [Index<<Level, (Index+1)<<Level).
type Node[S any] struct {
	Level int
	Index int
	State S
}

// Start and End are the node's first and one-past-last block.
func (n Node[S]) Start() int { return n.Index << n.Level }
func (n Node[S]) End() int   { return (n.Index + 1) << n.Level }

// Tree accumulates consecutive blocks, merging siblings as soon as both exist.
// OnPrefix, when set, is called with each node that starts at block 0 (the
// first 2^L blocks), in increasing level: the convergence table's prefixes.
type Tree[S Mergeable[S]] struct {
	stack    []Node[S]
	next     int
	OnPrefix func(Node[S]) error
	// Release, when set, receives each state merged into its left sibling:
	// it is no longer used and may be recycled.
	Release func(S)
}

// NewTree starts a tree at block first.
func NewTree[S Mergeable[S]](first int) *Tree[S] { return &Tree[S]{next: first} }

// Push adds the state of the next block.
func (t *Tree[S]) Push(block int, s S) error {
	if block != t.next {
		return fmt.Errorf("engine: block %d pushed, expected %d", block, t.next)
	}
	t.next++
	if err := t.push(Node[S]{Level: 0, Index: block, State: s}); err != nil {
		return err
	}
	return nil
}

func (t *Tree[S]) push(n Node[S]) error {
	if n.Index == 0 && t.OnPrefix != nil {
		if err := t.OnPrefix(n); err != nil {
			return err
		}
	}
	for len(t.stack) > 0 {
		top := t.stack[len(t.stack)-1]
		if top.Level != n.Level || top.Index != n.Index-1 || top.Index%2 != 0 {
			break
		}
		if err := top.State.Merge(n.State); err != nil {
			return err
		}
		if t.Release != nil {
			t.Release(n.State)
		}
		t.stack = t.stack[:len(t.stack)-1]
		n = Node[S]{Level: n.Level + 1, Index: top.Index / 2, State: top.State}
		if n.Index == 0 && t.OnPrefix != nil {
			if err := t.OnPrefix(n); err != nil {
				return err
			}
		}
	}
	t.stack = append(t.stack, n)
	return nil
}

// Nodes returns the maximal aligned nodes accumulated so far, left to right.
func (t *Tree[S]) Nodes() []Node[S] { return t.stack }

// Result folds the nodes right to left into one state. It consumes the tree.
func (t *Tree[S]) Result() (S, error) { return foldRight(t.stack) }

func foldRight[S Mergeable[S]](nodes []Node[S]) (S, error) {
	var zero S
	if len(nodes) == 0 {
		return zero, fmt.Errorf("engine: no blocks to merge")
	}
	acc := nodes[len(nodes)-1].State
	for i := len(nodes) - 2; i >= 0; i-- {
		s := nodes[i].State
		if err := s.Merge(acc); err != nil {
			return zero, err
		}
		acc = s
	}
	return acc, nil
}

// Combine merges the nodes of several contiguous shards, covering [0, blocks)
// exactly once, into the state a single run would have produced. onPrefix is
// called for every prefix node it creates (see Tree.OnPrefix).
func Combine[S Mergeable[S]](nodes []Node[S], blocks int, onPrefix func(Node[S]) error) (S, error) {
	var zero S
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].Start() < nodes[j].Start() })
	at := 0
	for _, n := range nodes {
		if n.Start() != at {
			if n.Start() < at {
				return zero, fmt.Errorf("blocks %d to %d are present twice", n.Start(), min(at, n.End())-1)
			}
			return zero, fmt.Errorf("blocks %d to %d are missing", at, n.Start()-1)
		}
		at = n.End()
	}
	if at != blocks {
		if at > blocks {
			return zero, fmt.Errorf("states cover %d blocks, the design has %d", at, blocks)
		}
		return zero, fmt.Errorf("blocks %d to %d are missing", at, blocks-1)
	}
	t := &Tree[S]{next: blocks, OnPrefix: onPrefix}
	for _, n := range nodes {
		// Prefix nodes inside the first shard were reported when it ran.
		if err := t.pushQuiet(n); err != nil {
			return zero, err
		}
	}
	return t.Result()
}

// pushQuiet pushes a node, reporting only prefix nodes created by merging.
func (t *Tree[S]) pushQuiet(n Node[S]) error {
	cb := t.OnPrefix
	t.OnPrefix = nil
	for len(t.stack) > 0 {
		top := t.stack[len(t.stack)-1]
		if top.Level != n.Level || top.Index != n.Index-1 || top.Index%2 != 0 {
			break
		}
		if err := top.State.Merge(n.State); err != nil {
			t.OnPrefix = cb
			return err
		}
		t.stack = t.stack[:len(t.stack)-1]
		n = Node[S]{Level: n.Level + 1, Index: top.Index / 2, State: top.State}
		if n.Index == 0 && cb != nil {
			if err := cb(n); err != nil {
				t.OnPrefix = cb
				return err
			}
		}
	}
	t.stack = append(t.stack, n)
	t.OnPrefix = cb
	return nil
}
