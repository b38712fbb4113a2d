package serve

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// hub sends Server-Sent Events to every open page.
type hub struct {
	mu      sync.Mutex
	clients map[*client]struct{}
	done    chan struct{}
	closed  bool
}

type client struct{ ch chan message }

type message struct {
	event string
	data  []byte
}

func newHub() *hub { return &hub{clients: map[*client]struct{}{}, done: make(chan struct{})} }

// heartbeat keeps idle connections open through proxies and lets a
// browser notice a dead server sooner.
const heartbeat = 15 * time.Second

func (h *hub) serve(w http.ResponseWriter, r *http.Request, s *Server) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Accel-Buffering", "no")
	// Registered before hello is sent, so no event falls between the two;
	// one that arrives after hello at worst repeats what hello said.
	c := &client{ch: make(chan message, 16)}
	if !h.add(c) {
		http.Error(w, "server closing", http.StatusServiceUnavailable)
		return
	}
	defer h.remove(c)
	// retry: how soon the browser reconnects after the server went away.
	fmt.Fprintf(w, "retry: 500\n\n")
	writeEvent(w, message{"hello", s.helloJSON()})
	flusher.Flush()
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case m, ok := <-c.ch:
			if !ok {
				return // too slow to keep up: it reconnects and gets hello
			}
			writeEvent(w, m)
			flusher.Flush()
		case <-tick.C:
			fmt.Fprintf(w, ": ping\n\n")
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		}
	}
}

func writeEvent(w http.ResponseWriter, m message) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", m.event, m.data)
}

func (h *hub) add(c *client) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return false
	}
	h.clients[c] = struct{}{}
	return true
}

func (h *hub) remove(c *client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.clients[c]; ok {
		delete(h.clients, c)
		close(c.ch)
	}
}

// broadcast sends an event to every page. A page whose queue is full is
// dropped rather than waited for.
func (h *hub) broadcast(event string, data []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c.ch <- message{event, data}:
		default:
			delete(h.clients, c)
			close(c.ch)
		}
	}
}

// count is the number of open pages.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}
