package search

import "encoding/binary"

// termTable numbers the terms of an index: an open-addressing hash table
// of term numbers, the terms themselves kept in a slice (indexer.terms)
// that it is handed on each call. Every word of every section is looked
// up in it, once per occurrence: with a map[string]int32, the lookup
// (hashing, probing the groups, comparing) was a sixth of indexing's
// instructions. Here a slot is 8 bytes, the term's number and 32 bits of
// its hash, so that a probe compares the term's bytes only when the hash
// bits agree; the hash reads the term 8 bytes at a time, inline.
// TestTermTable holds it to a map.
type termTable struct {
	// slots holds hash>>32<<32 | number+1, and 0 where it is empty. Its
	// length is a power of two, at least twice the number of terms.
	slots []uint64
	n     int // terms in the table
}

// find returns the number of term among terms, the table's terms by
// number, or -1, and the slot where find stopped: the term's, or the
// empty slot where insert puts it.
func (t *termTable) find(terms []string, term string, hash uint64) (number int32, slot int) {
	mask := len(t.slots) - 1
	tag := hash >> 32 << 32
	for i := int(hash) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return -1, i
		}
		if s&^0xFFFFFFFF == tag {
			if id := int32(uint32(s) - 1); terms[id] == term {
				return id, i
			}
		}
	}
}

// lookup returns the number of term among terms, or -1.
func (t *termTable) lookup(terms []string, term string) int32 {
	if t.n == 0 {
		return -1
	}
	id, _ := t.find(terms, term, termHash(term))
	return id
}

// insert adds terms[id], which the table does not hold, with its hash.
func (t *termTable) insert(terms []string, id int32, hash uint64) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow(terms)
	}
	_, slot := t.find(terms, terms[id], hash)
	t.slots[slot] = hash>>32<<32 | uint64(uint32(id)+1)
	t.n++
}

// grow doubles the table (or makes its first one), putting every term
// back in.
func (t *termTable) grow(terms []string) {
	old := t.slots
	t.slots = make([]uint64, max(2*len(old), 1024))
	mask := len(t.slots) - 1
	for _, s := range old {
		if s == 0 {
			continue
		}
		// The slot keeps only the hash's high bits: hash the term again
		// for its low ones.
		i := int(termHash(terms[uint32(s)-1])) & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}

// termHash hashes all the bytes of term, 8 at a time, with a multiply
// and a shift for each (most terms are one or two words long). It need
// not be strong: equal hashes only cost a comparison of the terms.
func termHash(term string) uint64 {
	const (
		m0 = 0x9E3779B97F4A7C15
		m1 = 0xBF58476D1CE4E5B9
	)
	n := len(term)
	h := uint64(n) * m0
	switch {
	case n >= 8:
		// []byte(term[i:i+8]), converted to read it, does not allocate.
		for i := 0; i+8 < n; i += 8 {
			h = (h ^ binary.LittleEndian.Uint64([]byte(term[i:i+8]))) * m1
			h ^= h >> 31
		}
		h ^= binary.LittleEndian.Uint64([]byte(term[n-8:])) // the last 8 bytes, some again
	case n >= 4:
		h ^= uint64(binary.LittleEndian.Uint32([]byte(term[:4])))<<32 | uint64(binary.LittleEndian.Uint32([]byte(term[n-4:])))
	case n > 0:
		h ^= uint64(term[0])<<16 | uint64(term[n>>1])<<8 | uint64(term[n-1])
	}
	h *= m1
	h ^= h >> 29
	h *= m0
	return h ^ h>>32
}
