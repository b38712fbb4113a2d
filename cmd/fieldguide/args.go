package main

// What a command line got wrong, said in words. Cobra's and pflag's own
// messages ("accepts 1 arg(s), received 0", "strconv.ParseInt: parsing
// \"abc\"") speak to programmers, and fieldguide's users include consulate
// staff who are not: these name what is missing as the command's Use line
// does, and show how to call it. All are usage errors (exit 2).

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// oneArg accepts exactly one argument, the one the command's Use line names;
// what says what it is ("the folder to create").
func oneArg(what string) cobra.PositionalArgs { return argCount(what, 1, 1) }

// oneOrMoreArgs accepts one argument or more, as oneArg one.
func oneOrMoreArgs(what string) cobra.PositionalArgs { return argCount(what, 1, -1) }

// argCount accepts from min to max arguments (max < 0: any number).
func argCount(what string, min, max int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < min:
			return usageError{fmt.Errorf("%s needs %s: %s", commandName(cmd), what, callLine(cmd))}
		case max >= 0 && len(args) > max:
			// Most often a name with spaces, typed without quotes.
			return usageError{fmt.Errorf("%s takes one %s, but got %d (%s); a name with spaces goes in quotes: %s",
				commandName(cmd), argName(cmd), len(args), quoteArgs(args), callLine(cmd))}
		}
		return nil
	}
}

// noArgs accepts no argument. To a command with commands of its own, an
// argument is a command it lacks; to one that builds a course, a folder is
// the course, which -s names; to one that writes a file, a name is that
// file's, which -o names.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if cmd.HasSubCommands() {
		var names []string
		for _, c := range cmd.Commands() {
			if c.IsAvailableCommand() {
				names = append(names, c.Name())
			}
		}
		if cmd.SuggestionsMinimumDistance <= 0 {
			cmd.SuggestionsMinimumDistance = 2 // as cobra sets it for its own message
		}
		guess := ""
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			guess = fmt.Sprintf(" (did you mean %q?)", s[0])
		}
		return usageError{fmt.Errorf("%q is not a command of %s%s; its commands are: %s", args[0], cmd.CommandPath(), guess, strings.Join(names, ", "))}
	}
	msg := fmt.Sprintf("%s takes no arguments, but got %s", commandName(cmd), quoteArgs(args))
	if len(args) == 1 {
		info, err := os.Stat(args[0])
		switch {
		case cmd.Flags().Lookup("source") != nil && err == nil && info.IsDir() && isCourse(args[0]):
			msg += fmt.Sprintf("; name the course folder with -s: %s -s %s", cmd.CommandPath(), shellQuote(args[0]))
		case cmd.Flags().ShorthandLookup("d") != nil && (err != nil || info.IsDir()):
			// "build public": the folder to write, most likely.
			msg += fmt.Sprintf("; name the folder to write with -d: %s -d %s", cmd.CommandPath(), shellQuote(args[0]))
		case cmd.Flags().ShorthandLookup("o") != nil && err != nil:
			msg += fmt.Sprintf("; name the file to write with -o: %s -o %s", cmd.CommandPath(), shellQuote(args[0]))
		}
	}
	return usageError{errors.New(msg)}
}

// isCourse reports whether dir looks like a course: it has site.yaml or
// content/.
func isCourse(dir string) bool {
	for _, name := range []string{"site.yaml", "content"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}

// commandName is the command as typed after "fieldguide": "new lesson".
func commandName(cmd *cobra.Command) string {
	return strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
}

// callLine is how to call the command, from its Use line:
// "fieldguide verify FILE.zip|FOLDER [--key KEY.pub]".
func callLine(cmd *cobra.Command) string {
	line := cmd.CommandPath()
	if _, rest, ok := strings.Cut(cmd.Use, " "); ok {
		line += " " + rest
	}
	return line
}

// argName is the argument the Use line names: "FILE.zip|FOLDER".
func argName(cmd *cobra.Command) string {
	if f := strings.Fields(cmd.Use); len(f) > 1 {
		return f[1]
	}
	return "argument"
}

// quoteArgs lists arguments in double quotes, as typed (no escaped
// backslashes in a Windows path).
func quoteArgs(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = `"` + a + `"`
	}
	return strings.Join(quoted, " ")
}

// flagError says in words what is wrong with a flag's value, for the
// errors of pflag that name Go's parsers; others are returned as they are.
func flagError(err error) error {
	var invalid *pflag.InvalidValueError
	if errors.As(err, &invalid) {
		f, value := invalid.GetFlag(), invalid.GetValue()
		name := "--" + f.Name
		var num *strconv.NumError
		switch {
		case f.Value.Type() == "bool":
			return fmt.Errorf("%s is on by itself (%s) or off (%s=false), not %s=%s", name, name, name, name, value)
		case errors.As(err, &num) && num.Err == strconv.ErrRange:
			return fmt.Errorf("%s %s is too large; give a number like %s", name, value, example(f))
		case errors.As(err, &num):
			return fmt.Errorf("%s must be a number like %s, not %q", name, example(f), value)
		}
		return fmt.Errorf("%s %q: %w", name, value, invalid.Unwrap())
	}
	var missing *pflag.ValueRequiredError
	if errors.As(err, &missing) {
		f := missing.GetFlag()
		name := "--" + f.Name
		if missing.GetSpecifiedShortnames() != "" {
			name = "-" + f.Shorthand
		}
		if ex := example(f); ex != "" && f.DefValue != "" && f.DefValue != "[]" {
			return fmt.Errorf("%s needs a value, e.g. %s %s", name, name, ex)
		}
		return fmt.Errorf("%s needs a value: %s", name, f.Usage)
	}
	return err
}

// example is a value of the flag's kind to show: its default, when it has
// one.
func example(f *pflag.Flag) string {
	if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "[]" {
		return f.DefValue
	}
	if strings.HasPrefix(f.Value.Type(), "int") || strings.HasPrefix(f.Value.Type(), "uint") {
		return "1"
	}
	return ""
}
