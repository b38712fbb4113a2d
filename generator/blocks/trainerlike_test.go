package blocks

import "testing"

// TestTrainerLikeNames: the unknown block names taken as meant for trainer
// notes (an error: shown as a plain box they would reach participants),
// and names that are not.
func TestTrainerLikeNames(t *testing.T) {
	for name, want := range map[string]bool{
		"traner": true, "trainers": true, "trainer-notes": true, "Instructor_Note": true, "instrucor": true,
		"teacher": true, "teaching-notes": true, "tutor": true, "facilitation": true, "facilitator-guide": true,
		"speaker-notes": true, "answer-key": true, "formateur": true, "formatrice": true, "formador": true,
		"entrenador": true, "notas-del-capacitador": true, "facilitadora": true, "Ausbilder": true,
		"trailer": true, // one letter off, and the message asks
		"trainee": false, "trainees": false, "trained": false, "strainer": false, "tutorial": false, "speaker": false, "retainer": false, "sidebar": false, "scenaro": false,
		"exercise": false, "notes": false, "container": false, "training": false,
	} {
		if got := trainerLike(name); got != want {
			t.Errorf("trainerLike(%q) = %v, want %v", name, got, want)
		}
	}
}
